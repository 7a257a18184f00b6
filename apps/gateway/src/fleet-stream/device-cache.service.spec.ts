import type { Alarm, DeviceState } from '@fleet/contracts';
import { DeviceCacheService, type DeviceChange } from './device-cache.service';

function state(value: string, since: number): DeviceState {
  return { deviceId: 'cam-1', kind: 'camera', state: value, since, reason: 'test', hwState: null, link: null, statusHz: 10, step: null, lastSeen: null };
}

describe('DeviceCacheService', () => {
  it('never lets an older snapshot entry replace a newer live state', () => {
    const cache = new DeviceCacheService();
    const changes: DeviceChange[] = [];
    cache.changes$.subscribe((c) => changes.push(c));
    cache.putState(state('Exposing', 200));
    cache.putState(state('Idle', 100), 'snapshot');
    expect(cache.snapshot().states.map((s) => s.state)).toEqual(['Exposing']);
    expect(changes).toHaveLength(1);
    cache.putState(state('SavingImages', 300), 'snapshot');
    expect(cache.snapshot().states.map((s) => s.state)).toEqual(['SavingImages']);
  });

  it('lists alarms from the snapshot and alarm events while active or unacknowledged', () => {
    const cache = new DeviceCacheService();
    const alarm: Alarm = { id: 'a1', deviceId: 'cam-1', code: 'offline', severity: 'critical', message: 'cam-1 is offline', raisedAt: 1, clearedAt: null, acknowledged: null, shelved: null, recentRaises: [], chattering: false };
    cache.replaceAlarms([alarm]);
    expect(cache.snapshot().alarms).toEqual([alarm]);
    const acked = { ...alarm, acknowledged: { by: 'alice', at: 2 } };
    cache.publishEvent({ id: 'e1', ts: 2, deviceId: 'cam-1', type: 'alarm', action: 'acknowledged', alarm: acked, user: 'alice' });
    expect(cache.snapshot().alarms).toEqual([acked]);
    cache.publishEvent({ id: 'e2', ts: 3, deviceId: 'cam-1', type: 'alarm', action: 'cleared', alarm: { ...acked, clearedAt: 3 } });
    expect(cache.snapshot().alarms).toEqual([]);
  });

  it('keeps a shelved alarm listed after it is done, drops a removed one, and tracks devices out of service from events', () => {
    const cache = new DeviceCacheService();
    const alarm: Alarm = { id: 'a1', deviceId: 'cam-1', code: 'hi', reading: 'temperature', severity: 'warning', message: 'hot', raisedAt: 1, clearedAt: 3, acknowledged: { by: 'alice', at: 2 }, shelved: null, recentRaises: [1], chattering: false };
    const shelved = { ...alarm, shelved: { by: 'alice', at: 2, reason: 'noisy', until: null } };
    cache.publishEvent({ id: 'e1', ts: 2, deviceId: 'cam-1', type: 'alarm', action: 'shelved', alarm: shelved, user: 'alice', comment: 'noisy' });
    expect(cache.snapshot().alarms).toEqual([shelved]);
    cache.publishEvent({ id: 'e2', ts: 3, deviceId: 'cam-1', type: 'alarm', action: 'removed', alarm: { ...shelved, acknowledged: null }, user: 'bob' });
    expect(cache.snapshot().alarms).toEqual([]);
    cache.publishEvent({ id: 'e3', ts: 4, deviceId: 'cam-1', type: 'service', action: 'out-of-service', user: 'bob', reason: 'maintenance' });
    expect(cache.snapshot().outOfService).toEqual([{ deviceId: 'cam-1', by: 'bob', at: 4, reason: 'maintenance' }]);
    cache.publishEvent({ id: 'e4', ts: 5, deviceId: 'cam-1', type: 'service', action: 'in-service', user: 'bob', reason: '' });
    expect(cache.snapshot().outOfService).toEqual([]);
    cache.replaceAlarms([], [{ deviceId: 'cam-9', by: 'x', at: 1, reason: 'r' }]);
    expect(cache.snapshot().outOfService.map((r) => r.deviceId)).toEqual(['cam-9']);
  });

  it('knows the device of every listed alarm, so its acknowledgement can go to the owning replica', () => {
    const cache = new DeviceCacheService();
    const alarm: Alarm = { id: 'a1', deviceId: 'stage-7', code: 'fault', severity: 'warning', message: 'stage-7 fault', raisedAt: 1, clearedAt: null, acknowledged: null, shelved: null, recentRaises: [], chattering: false };
    cache.replaceAlarms([alarm]);
    expect(cache.alarmDeviceId('a1')).toBe('stage-7');
    cache.publishEvent({ id: 'e1', ts: 2, deviceId: 'cam-2', type: 'alarm', action: 'raised', alarm: { ...alarm, id: 'a2', deviceId: 'cam-2' } });
    expect(cache.alarmDeviceId('a2')).toBe('cam-2');
    expect(cache.alarmDeviceId('unknown')).toBeUndefined();
  });
});
