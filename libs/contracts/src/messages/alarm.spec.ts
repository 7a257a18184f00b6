import { AlarmActionSchema, AlarmSchema, MAX_SHELVE_MS, alarmKey, alarmStateOf, needsAction } from './alarm';
import { SocketAlarmActionSchema } from '../socket-events';

const stored = { id: 'a', deviceId: 'camera-1', code: 'offline', severity: 'critical', message: 'm', raisedAt: 1, clearedAt: null, acknowledged: null };

describe('alarm contract', () => {
  it('reads an alarm stored before shelving existed, with the new fields defaulted', () => {
    expect(AlarmSchema.parse(stored)).toEqual({ ...stored, shelved: null, recentRaises: [], chattering: false });
  });

  it('names the four ISA-18.2 states and what needs action now', () => {
    expect(alarmStateOf({ clearedAt: null, acknowledged: null })).toBe('active-unacked');
    expect(alarmStateOf({ clearedAt: null, acknowledged: { by: 'a', at: 1 } })).toBe('active-acked');
    expect(alarmStateOf({ clearedAt: 2, acknowledged: null })).toBe('rtn-unacked');
    expect(alarmStateOf({ clearedAt: 2, acknowledged: { by: 'a', at: 1 } })).toBe('normal');
    expect(needsAction({ acknowledged: null, shelved: null })).toBe(true);
    expect(needsAction({ acknowledged: null, shelved: { by: 'a', at: 1, reason: 'r', until: null } })).toBe(false);
    expect(alarmKey({ code: 'hi', reading: 'temperature' })).toBe('hi:temperature');
    expect(alarmKey({ code: 'offline' })).toBe('offline');
  });

  it('validates actions: a shelve needs a reason and at most 12 h; out of service needs a reason; ack needs alarms', () => {
    expect(AlarmActionSchema.safeParse({ action: 'shelve', alarmId: 'a', reason: 'noisy', durationMs: 3_600_000, requestId: 'r' }).success).toBe(true);
    expect(AlarmActionSchema.safeParse({ action: 'shelve', alarmId: 'a', reason: '  ', requestId: 'r' }).success).toBe(false);
    expect(AlarmActionSchema.safeParse({ action: 'shelve', alarmId: 'a', reason: 'x', durationMs: MAX_SHELVE_MS + 1, requestId: 'r' }).success).toBe(false);
    expect(AlarmActionSchema.safeParse({ action: 'out-of-service', deviceId: 'camera-1', requestId: 'r' }).success).toBe(false);
    expect(AlarmActionSchema.safeParse({ action: 'ack', alarmIds: [], requestId: 'r' }).success).toBe(false);
    expect(AlarmActionSchema.safeParse({ action: 'explode', requestId: 'r' }).success).toBe(false);
    expect(AlarmActionSchema.safeParse({ action: 'ack', alarmIds: ['a'] }).success).toBe(false);
  });

  it('the socket form needs no requestId and carries no user', () => {
    const parsed = SocketAlarmActionSchema.safeParse({ action: 'ack', alarmIds: ['a', 'b'], comment: 'handover', user: 'mallory' });
    expect(parsed.success && parsed.data).toEqual({ action: 'ack', alarmIds: ['a', 'b'], comment: 'handover' });
  });
});
