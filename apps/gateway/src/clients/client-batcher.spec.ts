import type { DeviceState, DeviceStatus, FleetEvent } from '@fleet/contracts';
import { ClientBatcher, MAX_QUEUED_EVENTS } from './client-batcher';

function status(deviceId: string, seq: number): DeviceStatus {
  return {
    deviceId,
    kind: 'camera',
    seq,
    ts: 1_700_000_000_000 + seq,
    link: 'up',
    hwState: 'idle',
    readings: { exposingTime: null },
    counters: { polls: seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
  };
}

function state(deviceId: string, value: string, since: number): DeviceState {
  return {
    deviceId,
    kind: 'camera',
    state: value,
    since,
    reason: 'test',
    hwState: 'idle',
    link: 'up',
    statusHz: 10,
    step: null,
    lastSeen: since,
  };
}

describe('ClientBatcher', () => {
  it('has nothing to take when nothing changed', () => {
    const batcher = new ClientBatcher();
    expect(batcher.hasPending).toBe(false);
    expect(batcher.take()).toEqual({ batch: undefined, events: [] });
  });

  it('coalesces many statuses of one device into one entry, latest wins', () => {
    const batcher = new ClientBatcher();
    for (let seq = 1; seq <= 50; seq += 1) batcher.addStatus(status('cam-1', seq));
    const { batch } = batcher.take();
    expect(batch?.statuses).toHaveLength(1);
    expect(batch?.statuses[0]?.seq).toBe(50);
    expect(batch?.states).toEqual([]);
  });

  it('keeps one entry per device and one per state', () => {
    const batcher = new ClientBatcher();
    batcher.addStatus(status('cam-1', 1));
    batcher.addStatus(status('cam-2', 1));
    batcher.addStatus(status('cam-1', 2));
    batcher.addState(state('cam-1', 'Idle', 1));
    batcher.addState(state('cam-1', 'Exposing', 2));
    expect(batcher.pendingSize).toBe(3);
    const { batch } = batcher.take();
    expect(batch?.statuses.map((s) => [s.deviceId, s.seq])).toEqual([
      ['cam-1', 2],
      ['cam-2', 1],
    ]);
    expect(batch?.states.map((s) => s.state)).toEqual(['Exposing']);
  });

  it('starts empty again after a take, so a batch only holds changes since the last flush', () => {
    const batcher = new ClientBatcher();
    batcher.addStatus(status('cam-1', 1));
    batcher.take();
    expect(batcher.hasPending).toBe(false);
    batcher.addStatus(status('cam-2', 7));
    expect(batcher.take().batch?.statuses.map((s) => s.deviceId)).toEqual(['cam-2']);
  });

  it('keeps at most MAX_QUEUED_EVENTS events for a client that does not drain, dropping the oldest', () => {
    const batcher = new ClientBatcher();
    let dropped = 0;
    for (let i = 0; i < MAX_QUEUED_EVENTS + 20; i += 1) {
      const event: FleetEvent = { id: `e${i}`, ts: i, deviceId: 'cam-1', type: 'transition', from: 'Idle', to: 'Exposing', reason: 'test' };
      dropped += batcher.addEvent(event);
    }
    expect(dropped).toBe(20);
    const { batch, events } = batcher.take();
    expect(batch).toBeUndefined();
    expect(events).toHaveLength(MAX_QUEUED_EVENTS);
    expect(events[0]?.id).toBe('e20');
  });
});
