import { camera, cameraRecord, fixedContext } from '../testing/fixtures';
import { onStatus } from './status-logic';
import { STEP_AFTER_RESTART_REASON, onStepDeadline, restore } from './step-logic';
import { feed } from './transition';

describe('timed steps', () => {
  it('starts the kind step on entry, with the configured duration overriding the spec', () => {
    const { record, effects } = feed(camera, cameraRecord('Exposing'), 'stop', 'command stop', 'other', fixedContext(1000, 300));
    expect(record.state.step).toEqual({ name: 'saveImages', startedAt: 1000, deadline: 1300 });
    expect(effects.at(-1)).toEqual({ type: 'startTimer', deviceId: 'camera-1', step: 'saveImages', deadline: 1300 });
  });

  it('uses the spec duration when no override is configured', () => {
    const { record } = feed(camera, cameraRecord('Exposing'), 'abort', 'command abort', 'other', fixedContext(1000));
    expect(record.state.step).toEqual({ name: 'abort', startedAt: 1000, deadline: 3000 });
  });

  it('completes the step at its deadline and clears it', () => {
    const saving = feed(camera, cameraRecord('Exposing'), 'stop', 'command stop', 'other', fixedContext(1000, 300)).record;
    const { record, effects } = onStepDeadline(camera, saving, 'saveImages', fixedContext(1300));
    expect(record.state).toMatchObject({ state: 'Idle', step: null, reason: 'step saveImages completed' });
    expect(effects.map((e) => e.type)).toEqual(['cancelTimer', 'publishState', 'persist', 'publishEvent']);
  });

  it('ignores a timer for a step the device already left', () => {
    const saving = feed(camera, cameraRecord('Exposing'), 'stop', 'r', 'other', fixedContext(1000, 300)).record;
    const offline = feed(camera, saving, 'offline', 'r', 'other', fixedContext(1100)).record;
    expect(offline.state.step).toBeNull();
    expect(onStepDeadline(camera, offline, 'saveImages', fixedContext(1300)).effects).toEqual([]);
  });

  it('does not let a status sample cut a step short', () => {
    const saving = feed(camera, cameraRecord('Exposing'), 'stop', 'r', 'other', fixedContext(1000, 300)).record;
    const sample = { deviceId: 'camera-1', kind: 'camera', seq: 99, ts: 1, link: 'up', hwState: 'idle', readings: {}, counters: { polls: 1, timeouts: 0, reconnects: 0, skippedPolls: 0 } } as const;
    expect(onStatus(camera, saving, sample, fixedContext(1050)).record.state.state).toBe('SavingImages');
  });

  describe('restore from KV', () => {
    const stored = (deadline: number) => ({
      ...cameraRecord('SavingImages').state,
      step: { name: 'saveImages', startedAt: 0, deadline },
      lastSeen: 10,
    });

    it('completes a step whose deadline passed while the controller was down', () => {
      const { record, effects } = restore(camera, stored(4000), fixedContext(5000));
      expect(record.state).toMatchObject({ state: 'Idle', step: null, reason: STEP_AFTER_RESTART_REASON, lastSeen: 5000 });
      expect(effects).toContainEqual(expect.objectContaining({ type: 'publishEvent', event: expect.objectContaining({ from: 'SavingImages', to: 'Idle' }) }));
    });

    it('resumes a step still running, with its stored deadline', () => {
      const { record, effects } = restore(camera, stored(6000), fixedContext(5000));
      expect(record.state).toMatchObject({ state: 'SavingImages', lastSeen: 5000 });
      expect(effects).toEqual([{ type: 'startTimer', deviceId: 'camera-1', step: 'saveImages', deadline: 6000 }]);
    });

    it('reconciles with the hardware after a restart, with an event that says why', () => {
      const restored = restore(camera, { ...cameraRecord('Idle').state, lastSeen: 10 }, fixedContext(5000)).record;
      const sample = { deviceId: 'camera-1', kind: 'camera', seq: 1, ts: 1, link: 'up', hwState: 'exposing', readings: {}, counters: { polls: 1, timeouts: 0, reconnects: 0, skippedPolls: 0 } } as const;
      const { record, effects } = onStatus(camera, restored, sample, fixedContext(5100));
      expect(record.state).toMatchObject({ state: 'Exposing', reason: 'reconciled after controller restart: hardware reports exposing' });
      expect(effects).toContainEqual({ type: 'publishEvent', event: expect.objectContaining({ from: 'Idle', to: 'Exposing', reason: 'reconciled after controller restart: hardware reports exposing' }) });
    });

    it('keeps a stored state, restarts lastSeen and reconciles on the next sample', () => {
      const { record, effects } = restore(camera, { ...cameraRecord('Exposing').state, lastSeen: 10 }, fixedContext(5000));
      expect(effects).toEqual([]);
      expect(record).toMatchObject({ refeed: true, state: { state: 'Exposing', lastSeen: 5000 } });
    });
  });
});
