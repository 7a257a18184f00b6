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
});
