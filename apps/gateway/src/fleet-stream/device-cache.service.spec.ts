import type { DeviceState } from '@fleet/contracts';
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
    const alarm = { id: 'a1', deviceId: 'cam-1', code: 'offline', severity: 'critical', message: 'cam-1 is offline', raisedAt: 1, clearedAt: null, acknowledged: null } as const;
    cache.replaceAlarms([alarm]);
    expect(cache.snapshot().alarms).toEqual([alarm]);
    const acked = { ...alarm, acknowledged: { by: 'alice', at: 2 } };
    cache.publishEvent({ id: 'e1', ts: 2, deviceId: 'cam-1', type: 'alarm', action: 'acknowledged', alarm: acked, user: 'alice' });
    expect(cache.snapshot().alarms).toEqual([acked]);
    cache.publishEvent({ id: 'e2', ts: 3, deviceId: 'cam-1', type: 'alarm', action: 'cleared', alarm: { ...acked, clearedAt: 3 } });
    expect(cache.snapshot().alarms).toEqual([]);
  });

  it('knows the device of every listed alarm, so its acknowledgement can go to the owning replica', () => {
    const cache = new DeviceCacheService();
    const alarm = { id: 'a1', deviceId: 'stage-7', code: 'fault', severity: 'warning', message: 'stage-7 fault', raisedAt: 1, clearedAt: null, acknowledged: null } as const;
    cache.replaceAlarms([alarm]);
    expect(cache.alarmDeviceId('a1')).toBe('stage-7');
    cache.publishEvent({ id: 'e1', ts: 2, deviceId: 'cam-2', type: 'alarm', action: 'raised', alarm: { ...alarm, id: 'a2', deviceId: 'cam-2' } });
    expect(cache.alarmDeviceId('a2')).toBe('cam-2');
    expect(cache.alarmDeviceId('unknown')).toBeUndefined();
  });
});
