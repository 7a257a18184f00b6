import { NO_FENCE } from './device-record';
import { onBirth, onGoodbye, onStatus, onSweep, silenceLimitMs, statusInput } from './status-logic';
import { camera, cameraRecord, cameraStatus, fixedContext } from '../testing/fixtures';

describe('status logic', () => {
  const ctx = fixedContext(5000);

  it('reconciles an Offline camera with the hardware on the first sample', () => {
    const { record, effects } = onStatus(camera, cameraRecord('Offline'), cameraStatus(1, 'idle'), ctx);
    expect(record.state).toMatchObject({ state: 'Idle', since: 5000, reason: 'hardware reports idle', lastSeen: 5000 });
    expect(record.lastFed).toBe('hw.idle');
    expect(record.refeed).toBe(false);
    expect(effects.map((e) => e.type)).toEqual(['publishState', 'persist', 'publishEvent']);
    expect(effects[2]).toMatchObject({ event: { type: 'transition', from: 'Offline', to: 'Idle', deviceId: 'camera-1' } });
  });

  it('does not run the machine again for an unchanged sample, but refreshes lastSeen', () => {
    const first = onStatus(camera, cameraRecord('Offline'), cameraStatus(1, 'idle'), ctx).record;
    const { record, effects } = onStatus(camera, first, cameraStatus(2, 'idle'), fixedContext(5100));
    expect(effects).toEqual([]);
    expect(record.state.lastSeen).toBe(5100);
    expect(record.state.since).toBe(5000);
  });

  it('goes to Fault on link down with the agent reason, once', () => {
    const idle = cameraRecord('Idle', { lastFed: 'hw.idle', refeed: false });
    const down = onStatus(camera, idle, cameraStatus(3, null, 'down', 'connection refused'), ctx);
    expect(down.record.state).toMatchObject({ state: 'Fault', reason: 'link down: connection refused', link: 'down' });
    expect(down.record.state.linkReason).toBe('connection refused');
    const again = onStatus(camera, down.record, cameraStatus(4, null, 'down', 'connection refused'), ctx);
    expect(again.effects).toEqual([]);
  });

  it('ignores hardware states from samples at or before the command fence', () => {
    const exposing = cameraRecord('Exposing', { lastFed: 'hw.idle', refeed: true, fenceSeq: 10 });
    const stale = onStatus(camera, exposing, cameraStatus(10, 'idle'), ctx);
    expect(stale.effects).toEqual([]);
    expect(stale.record.state.state).toBe('Exposing');
    expect(stale.record.state.lastSeen).toBe(5000);
    const fresh = onStatus(camera, stale.record, cameraStatus(11, 'exposing'), ctx);
    expect(fresh.effects).toEqual([]);
    expect(fresh.record).toMatchObject({ lastFed: 'hw.exposing', refeed: false });
    const stopped = onStatus(camera, fresh.record, cameraStatus(12, 'idle'), ctx);
    expect(stopped.record.state.state).toBe('Idle');
  });

  it('never fences a link down', () => {
    const exposing = cameraRecord('Exposing', { fenceSeq: 10 });
    expect(onStatus(camera, exposing, cameraStatus(5, null, 'down'), ctx).record.state.state).toBe('Fault');
  });

  it('has no input for a sample with link up and no hardware state', () => {
    expect(statusInput(cameraStatus(1, null))).toBeUndefined();
    expect(statusInput(cameraStatus(1, 'exposing'))).toBe('hw.exposing');
  });

  it('resets the fence and re-arms reconciliation on agent birth', () => {
    const fenced = cameraRecord('Exposing', { fenceSeq: 900, refeed: false });
    const birth = { type: 'birth', deviceId: 'camera-1', kind: 'camera', statusHz: 20, version: '1', pid: 1, host: 'h', ts: 1 } as const;
    const { record, effects } = onBirth(fenced, birth, 5000);
    expect(record).toMatchObject({ fenceSeq: NO_FENCE, refeed: true, state: { state: 'Exposing', statusHz: 20 } });
    expect(effects).toEqual([]);
  });

  it('announces a device discovered by its birth as Offline', () => {
    const birth = { type: 'birth', deviceId: 'camera-9', kind: 'camera', statusHz: 10, version: '1', pid: 1, host: 'h', ts: 1 } as const;
    const { record, effects } = onBirth(undefined, birth, 5000);
    expect(record.state).toMatchObject({ deviceId: 'camera-9', state: 'Offline', reason: 'discovered', lastSeen: null });
    expect(effects.map((e) => e.type)).toEqual(['publishState', 'persist']);
  });

  it('goes Offline at a goodbye', () => {
    const { record } = onGoodbye(camera, cameraRecord('Idle'), { type: 'goodbye', deviceId: 'camera-1', reason: 'SIGTERM', ts: 1 }, ctx);
    expect(record.state).toMatchObject({ state: 'Offline', reason: 'agent said goodbye: SIGTERM' });
    expect(record.refeed).toBe(true);
  });

  describe('offline sweep', () => {
    it('allows offlinePeriods periods of the announced rate', () => {
      expect(silenceLimitMs(10, 3)).toBe(300);
      expect(silenceLimitMs(2, 3)).toBe(1500);
    });

    it('keeps a device silent for exactly the limit, marks it Offline just after', () => {
      const idle = cameraRecord('Idle', {}, 1000);
      expect(onSweep(camera, idle, 3, fixedContext(1300)).effects).toEqual([]);
      const { record } = onSweep(camera, idle, 3, fixedContext(1301));
      expect(record.state.state).toBe('Offline');
      expect(record.state.reason).toBe('no status for 301 ms (limit 300 ms: 3 periods at 10 Hz)');
      expect(record.refeed).toBe(true);
    });

    it('detects silence within 500 ms at 10 Hz with a 50 ms sweep', () => {
      const lastSeen = 1000;
      const idle = cameraRecord('Idle', {}, lastSeen);
      let detectedAt: number | undefined;
      for (let now = lastSeen; now <= lastSeen + 1000 && detectedAt === undefined; now += 50) {
        if (onSweep(camera, idle, 3, fixedContext(now)).record.state.state === 'Offline') detectedAt = now;
      }
      expect(detectedAt).toBeDefined();
      expect((detectedAt ?? Infinity) - lastSeen).toBeLessThanOrEqual(350);
    });

    it('does not hold against a device the time the controller itself could not hear', () => {
      // Last status at 1000; the controller's transport was down and back, hearing again from 5000.
      const idle = cameraRecord('Idle', {}, 1000);
      expect(onSweep(camera, idle, 3, fixedContext(5200), { since: 5000 }).effects).toEqual([]);
      expect(onSweep(camera, idle, 3, fixedContext(5301), { since: 5000 }).record.state.state).toBe('Offline');
    });

    it('judges silence only up to what the controller has handled, not status still queued', () => {
      // Last handled status at 1000; the controller was busy and status received since 1250 is still queued at 1500.
      const idle = cameraRecord('Idle', {}, 1000);
      expect(onSweep(camera, idle, 3, fixedContext(1500), { upTo: 1250 }).effects).toEqual([]);
      // Nothing queued for this device and nothing heard: silence counts up to now.
      const offline = onSweep(camera, idle, 3, fixedContext(1500), { upTo: 1500 }).record.state;
      expect(offline).toMatchObject({ state: 'Offline', reason: expect.stringContaining('no status for 500 ms') });
    });

    it('leaves Offline and never-seen devices alone', () => {
      expect(onSweep(camera, cameraRecord('Offline', {}, 0), 3, ctx).effects).toEqual([]);
      expect(onSweep(camera, cameraRecord('Idle', {}, null), 3, ctx).effects).toEqual([]);
    });

    it('reconciles on the first sample after Offline even if the hardware state is unchanged', () => {
      const idle = cameraRecord('Idle', { lastFed: 'hw.idle', refeed: false }, 1000);
      const offline = onSweep(camera, idle, 3, fixedContext(2000)).record;
      const back = onStatus(camera, offline, cameraStatus(50, 'idle'), fixedContext(2100));
      expect(back.record.state).toMatchObject({ state: 'Idle', reason: 'reconciled after Offline: hardware reports idle' });
      expect(back.record.reconcile).toBeUndefined();
    });
  });
});
