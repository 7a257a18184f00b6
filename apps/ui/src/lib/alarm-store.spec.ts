import type { Alarm } from '@fleet/contracts';
import { AlarmStore, isUnacknowledgedCritical } from './alarm-store';

const alarm = (id: string, patch: Partial<Alarm> = {}): Alarm =>
  Object.assign({ id, deviceId: 'camera-1', code: 'offline' as const, severity: 'critical' as const, message: 'm', raisedAt: 1, clearedAt: null, acknowledged: null, shelved: null, recentRaises: [1], chattering: false }, patch);

describe('alarm store', () => {
  it('keeps a shelved alarm listed when done, drops a removed one, and follows devices out of service', () => {
    const store = new AlarmStore();
    const shelved = alarm('a', { clearedAt: 2, acknowledged: { by: 'x', at: 2 }, shelved: { by: 'x', at: 1, reason: 'r', until: null } });
    store.apply({ type: 'alarm', id: 'e1', ts: 2, deviceId: 'camera-1', action: 'shelved', alarm: shelved });
    expect(store.get()).toEqual([shelved]);
    expect(isUnacknowledgedCritical(alarm('b', { shelved: shelved.shelved }))).toBe(false);
    store.apply({ type: 'alarm', id: 'e2', ts: 3, deviceId: 'camera-1', action: 'removed', alarm: alarm('a', { clearedAt: 3 }) });
    expect(store.get()).toEqual([]);
    store.applyService({ type: 'service', id: 'e3', ts: 4, deviceId: 'camera-1', action: 'out-of-service', user: 'bob', reason: 'maintenance' });
    expect(store.outOfService.get()).toEqual([{ deviceId: 'camera-1', by: 'bob', at: 4, reason: 'maintenance' }]);
    store.applyService({ type: 'service', id: 'e4', ts: 5, deviceId: 'camera-1', action: 'in-service', user: 'bob', reason: '' });
    expect(store.outOfService.get()).toEqual([]);
  });
});
