import type { Alarm, FleetEvent } from '@fleet/contracts';
import { alarmHistory, describeHistoryEntry, MAX_ALARM_HISTORY } from './alarm-history';

const alarm = (patch: Partial<Alarm> = {}): Alarm => ({
  id: 'a1',
  deviceId: 'camera-1',
  code: 'offline',
  severity: 'critical',
  message: 'camera-1 is Offline',
  raisedAt: 1000,
  clearedAt: null,
  acknowledged: null,
  shelved: null,
  recentRaises: [1000],
  chattering: false,
  ...patch,
});

const alarmEvent = (id: string, ts: number, action: 'raised' | 'cleared' | 'acknowledged' | 'shelved' | 'unshelved' | 'removed', patch: Partial<Extract<FleetEvent, { type: 'alarm' }>> = {}): FleetEvent => ({
  type: 'alarm',
  id,
  ts,
  deviceId: 'camera-1',
  action,
  alarm: alarm(),
  ...patch,
});

describe('alarm history - filtering', () => {
  const events: FleetEvent[] = [
    alarmEvent('e1', 1000, 'raised'),
    { type: 'transition', id: 'e2', ts: 1100, deviceId: 'camera-1', from: 'Idle', to: 'Offline', reason: 'no status' },
    alarmEvent('e3', 1200, 'raised', { deviceId: 'camera-2', alarm: alarm({ deviceId: 'camera-2' }) }),
    alarmEvent('e4', 2000, 'acknowledged', { user: 'alice', comment: 'cable replaced' }),
    alarmEvent('e5', 3000, 'shelved', { user: 'bob', comment: 'known issue', alarm: alarm({ shelved: { by: 'bob', at: 3000, reason: 'known issue', until: 3_603_000 } }) }),
    alarmEvent('e6', 4000, 'unshelved', { user: 'system' }),
    { type: 'service', id: 'e7', ts: 5000, deviceId: 'camera-1', action: 'out-of-service', user: 'carol', reason: 'lens swap' },
    alarmEvent('e8', 5000, 'removed', { user: 'carol' }),
    { type: 'service', id: 'e9', ts: 6000, deviceId: 'camera-1', action: 'in-service', user: 'carol', reason: '' },
    alarmEvent('e10', 7000, 'cleared'),
  ];

  it("keeps only this device's alarm and service events, newest first", () => {
    expect(alarmHistory(events, 'camera-1').map((e) => e.id)).toEqual(['e10', 'e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e1']);
    expect(alarmHistory(events, 'camera-2').map((e) => e.id)).toEqual(['e3']);
    expect(alarmHistory(events, 'stage-1')).toEqual([]);
  });

  it('says what happened, who did it and why', () => {
    const byId = new Map(alarmHistory(events, 'camera-1').map((e) => [e.id, e]));
    expect(byId.get('e4')).toMatchObject({ what: 'Acknowledged', user: 'alice', note: 'cable replaced', severity: 'critical', message: 'camera-1 is Offline' });
    expect(byId.get('e5')).toMatchObject({ what: 'Shelved', user: 'bob', note: 'known issue', until: 3_603_000 });
    expect(byId.get('e6')).toMatchObject({ what: 'Unshelved', user: 'system', until: undefined });
    expect(byId.get('e7')).toMatchObject({ what: 'Out of service', user: 'carol', note: 'lens swap', severity: undefined, message: '' });
    expect(byId.get('e8')).toMatchObject({ what: 'Removed (out of service)' });
    expect(byId.get('e9')).toMatchObject({ what: 'Back in service', note: undefined });
    expect(byId.get('e1')).toMatchObject({ what: 'Raised', user: undefined, note: undefined });
  });

  it(`keeps the newest ${MAX_ALARM_HISTORY} when the log is longer`, () => {
    const many = Array.from({ length: MAX_ALARM_HISTORY + 20 }, (_, i) => alarmEvent(`m${i}`, i, 'raised'));
    const history = alarmHistory(many, 'camera-1');
    expect(history).toHaveLength(MAX_ALARM_HISTORY);
    expect(history[0]?.id).toBe(`m${MAX_ALARM_HISTORY + 19}`);
    expect(history.at(-1)?.id).toBe('m20');
  });
});

describe('alarm history - formatting', () => {
  it('joins user and note, leaving out what is missing', () => {
    expect(describeHistoryEntry({ user: 'alice', note: 'cable replaced' })).toBe('by alice: cable replaced');
    expect(describeHistoryEntry({ user: 'alice', note: undefined })).toBe('by alice');
    expect(describeHistoryEntry({ user: undefined, note: 'lens swap' })).toBe('lens swap');
    expect(describeHistoryEntry({ user: undefined, note: undefined })).toBe('');
  });
});
