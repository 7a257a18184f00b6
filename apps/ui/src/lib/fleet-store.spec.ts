import type { DeviceState, DeviceStatus } from '@fleet/contracts';
import { FleetStore } from './fleet-store';

function status(deviceId: string, seq: number): DeviceStatus {
  return {
    deviceId,
    kind: 'camera',
    seq,
    ts: seq,
    link: 'up',
    hwState: 'idle',
    readings: { exposingTime: null },
    counters: { polls: seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
  };
}

function state(deviceId: string, value: string): DeviceState {
  return { deviceId, kind: 'camera', state: value, since: 1, reason: 'test', hwState: 'idle', link: 'up', statusHz: 10, step: null, lastSeen: 1 };
}

describe('FleetStore', () => {
  it('replaces everything on snapshot and merges batches', () => {
    const store = new FleetStore();
    store.applySnapshot({ statuses: [status('cam-2', 1)], states: [state('cam-2', 'Idle'), state('cam-10', 'Offline')] });
    expect(store.getIds()).toEqual(['cam-2', 'cam-10']);
    store.applyBatch({ statuses: [status('cam-1', 5)], states: [] });
    expect(store.getIds()).toEqual(['cam-1', 'cam-2', 'cam-10']);
    expect(store.getDevice('cam-2')?.state?.state).toBe('Idle');
    store.applySnapshot({ statuses: [status('cam-1', 6)], states: [] });
    expect(store.getIds()).toEqual(['cam-1']);
    expect(store.getDevice('cam-2')).toBeUndefined();
  });

  it('keeps the state when a status arrives and the status when a state arrives', () => {
    const store = new FleetStore();
    store.applyBatch({ statuses: [status('cam-1', 1)], states: [state('cam-1', 'Idle')] });
    store.applyBatch({ statuses: [status('cam-1', 2)], states: [] });
    expect(store.getDevice('cam-1')?.state?.state).toBe('Idle');
    store.applyBatch({ statuses: [], states: [state('cam-1', 'Exposing')] });
    expect(store.getDevice('cam-1')?.status?.seq).toBe(2);
  });

  it('notifies only the listeners of devices that changed', () => {
    const store = new FleetStore();
    store.applyBatch({ statuses: [status('cam-1', 1), status('cam-2', 1)], states: [] }, 1000);
    const cam1 = jest.fn();
    const cam2 = jest.fn();
    const fleet = jest.fn();
    store.subscribeDevice('cam-1', cam1);
    store.subscribeDevice('cam-2', cam2);
    store.subscribe(fleet);
    const before = store.getDevice('cam-2');
    store.applyBatch({ statuses: [status('cam-1', 2)], states: [] }, 1000);
    expect(cam1).toHaveBeenCalledTimes(1);
    expect(cam2).not.toHaveBeenCalled();
    expect(fleet).not.toHaveBeenCalled();
    expect(store.getDevice('cam-2')).toBe(before);
  });

  it('counts devices by state and keeps the counts identity when they do not change', () => {
    const store = new FleetStore();
    store.applyBatch({ statuses: [status('cam-3', 1)], states: [state('cam-1', 'Idle'), state('cam-2', 'Idle')] });
    const counts = store.getCounts();
    expect(counts).toEqual([
      ['Idle', 2],
      ['Unknown', 1],
    ]);
    store.applyBatch({ statuses: [], states: [state('cam-1', 'Idle')] });
    expect(store.getCounts()).toBe(counts);
  });

  it('marks a device stale after 3 status periods without a status, and fresh again on the next one', () => {
    const store = new FleetStore();
    store.applyBatch({ statuses: [status('cam-1', 1)], states: [state('cam-1', 'Idle')] }, 1000);
    expect(store.getDevice('cam-1')?.stale).toBe(false);
    store.checkStale(1250);
    expect(store.getDevice('cam-1')?.stale).toBe(false);
    const listener = jest.fn();
    store.subscribeDevice('cam-1', listener);
    store.checkStale(1350);
    expect(store.getDevice('cam-1')?.stale).toBe(true);
    expect(store.getHealth()).toEqual({ total: 1, stale: 1, linkDown: 0 });
    expect(listener).toHaveBeenCalledTimes(1);
    store.checkStale(1450);
    expect(listener).toHaveBeenCalledTimes(1);
    store.applyBatch({ statuses: [status('cam-1', 2)], states: [] }, 1500);
    expect(store.getDevice('cam-1')?.stale).toBe(false);
  });

  it('keeps a trend of the main reading', () => {
    const store = new FleetStore();
    const now = 100_000;
    for (let i = 0; i < 5; i += 1) {
      store.applyBatch({ statuses: [{ ...status('cam-1', i), ts: now + i * 100, readings: { exposingTime: i / 10 } }], states: [] });
    }
    const [x, y] = store.trendOf('cam-1')?.series(now + 500) ?? [[], []];
    expect(x).toHaveLength(5);
    expect(y).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
  });
});
