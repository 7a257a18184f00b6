import type { Alarm } from '@fleet/contracts';
import { cameraRecord, fixedContext, testAlarm } from '../testing/fixtures';
import {
  OFFLINE_ALARM_ON_DELAY_MS,
  alarmEvent,
  deviceConditions,
  evaluateAlarms,
  unsuppressed,
  type AlarmConditions,
  type Condition,
  type DeviceAlarmInput,
  type PendingEdge,
} from './alarm-logic';
import { LIMIT_OFF_DELAY_MS, alarmOnDelayMs } from './alarm-types';

const conditions = (...list: Condition[]): AlarmConditions => new Map(list.map((c) => [c.reading === undefined ? c.code : `${c.code}:${c.reading}`, c]));
const input = (patch: Partial<DeviceAlarmInput>): DeviceAlarmInput => ({
  deviceId: 'camera-1',
  conditions: new Map(),
  alarms: new Map(),
  pending: new Map(),
  outOfService: false,
  delayMs: 1000,
  ...patch,
});
const byKey = (...alarms: Alarm[]): Map<string, Alarm> => new Map(alarms.map((a) => [a.reading === undefined ? a.code : `${a.code}:${a.reading}`, a]));
const offline = conditions({ code: 'offline', message: 'gone' });

describe('alarm logic - conditions and evaluation of one device', () => {
  it('derives conditions: Offline only once seen; Fault, link down and slow while online', () => {
    expect(deviceConditions(cameraRecord('Offline', {}, null).state, undefined)).toEqual(new Map());
    expect(deviceConditions({ ...cameraRecord('Offline').state, reason: 'no status' }, 'x')).toEqual(conditions({ code: 'offline', message: 'camera-1 is Offline: no status' }));
    const fault = { ...cameraRecord('Fault').state, reason: 'link down: reset', link: 'down' as const, linkReason: 'reset' };
    expect(deviceConditions(fault, undefined)).toEqual(
      conditions({ code: 'fault', message: 'camera-1 is in Fault: link down: reset' }, { code: 'link-down', message: 'camera-1 link down: reset' }),
    );
    expect(deviceConditions(cameraRecord('Idle').state, 'status at 4.0 Hz')).toEqual(conditions({ code: 'slow', message: 'camera-1 is slow: status at 4.0 Hz' }));
  });

  it('raises Offline as critical once it held for the on-delay, and clears it when the condition ends', () => {
    const first = evaluateAlarms(input({ conditions: offline }), fixedContext(100));
    expect(first.changes).toEqual([]);
    expect(first.pending).toEqual(new Map([['offline', { edge: 'on', since: 100 }]]));
    const raised = evaluateAlarms(input({ conditions: offline, pending: first.pending }), fixedContext(100 + OFFLINE_ALARM_ON_DELAY_MS));
    expect(raised.changes).toEqual([
      {
        action: 'raised',
        alarm: testAlarm('id-1', { message: 'gone', raisedAt: 1100, recentRaises: [1100] }),
      },
    ]);
    const alarm = raised.changes[0]?.alarm;
    if (!alarm) throw new Error('no alarm raised');
    const cleared = evaluateAlarms(input({ alarms: byKey(alarm) }), fixedContext(5000));
    expect(cleared.changes).toEqual([{ action: 'cleared', alarm: { ...alarm, clearedAt: 5000 } }]);
  });

  it('raises no Offline alarm for a gap shorter than the on-delay (a 400 ms flap), whatever the configured delay', () => {
    const gap = evaluateAlarms(input({ conditions: offline, delayMs: 0 }), fixedContext(0));
    const almost = evaluateAlarms(input({ conditions: offline, pending: gap.pending, delayMs: 0 }), fixedContext(400));
    expect(almost.changes).toEqual([]);
    const back = evaluateAlarms(input({ pending: almost.pending, delayMs: 0 }), fixedContext(400));
    expect(back).toEqual({ changes: [], pending: new Map() });
    // Offline again later starts a new on-delay rather than resuming the old one.
    const again = evaluateAlarms(input({ conditions: offline, pending: back.pending }), fixedContext(OFFLINE_ALARM_ON_DELAY_MS + 10));
    expect(again.pending.get('offline')).toEqual({ edge: 'on', since: OFFLINE_ALARM_ON_DELAY_MS + 10 });
  });

  it('gives each code its on-delay: Offline a constant, fault and link-down the configured delay, slow and limits none', () => {
    expect(alarmOnDelayMs('offline', 0)).toBe(OFFLINE_ALARM_ON_DELAY_MS);
    expect(alarmOnDelayMs('fault', 250)).toBe(250);
    expect(alarmOnDelayMs('link-down', 0)).toBe(0);
    expect(alarmOnDelayMs('slow', 1000)).toBe(0);
    expect(alarmOnDelayMs('hihi', 1000)).toBe(0);
    expect(evaluateAlarms(input({ conditions: conditions({ code: 'slow', message: 's' }) }), fixedContext(0)).changes.map((c) => c.alarm.code)).toEqual(['slow']);
  });

  it('off-delay: a limit alarm clears only once its condition stayed gone for the off-delay; a return in between clears nothing', () => {
    const hi = testAlarm('h', { code: 'hi', reading: 'temperature', severity: 'warning' });
    const holding = conditions({ code: 'hi', reading: 'temperature', message: 'hot' });
    const gone = evaluateAlarms(input({ alarms: byKey(hi) }), fixedContext(0));
    expect(gone).toEqual({ changes: [], pending: new Map([['hi:temperature', { edge: 'off', since: 0 }]]) });
    const back = evaluateAlarms(input({ alarms: byKey(hi), conditions: holding, pending: gone.pending }), fixedContext(500));
    expect(back).toEqual({ changes: [], pending: new Map() });
    const goneAgain = evaluateAlarms(input({ alarms: byKey(hi), pending: back.pending }), fixedContext(600));
    const cleared = evaluateAlarms(input({ alarms: byKey(hi), pending: goneAgain.pending }), fixedContext(600 + LIMIT_OFF_DELAY_MS));
    expect(cleared.changes.map((c) => [c.action, c.alarm.clearedAt])).toEqual([['cleared', 600 + LIMIT_OFF_DELAY_MS]]);
  });

  it('suppression by design: a link fault raises one alarm (Fault), not also link-down', () => {
    const both = conditions({ code: 'fault', message: 'f' }, { code: 'link-down', message: 'l' });
    const first = evaluateAlarms(input({ conditions: both }), fixedContext(0));
    expect([...first.pending.keys()]).toEqual(['fault']);
    const later = evaluateAlarms(input({ conditions: both, pending: first.pending }), fixedContext(1000));
    expect(later.changes.map((c) => [c.action, c.alarm.code, c.alarm.severity])).toEqual([['raised', 'fault', 'critical']]);
  });

  it('suppression by design: an active link-down alarm clears once Fault (its cause) holds; HI is suppressed under HIHI of the same reading only', () => {
    const linkDown = testAlarm('l', { code: 'link-down', severity: 'warning' });
    const now = evaluateAlarms(input({ alarms: byKey(linkDown), conditions: conditions({ code: 'fault', message: 'f' }, { code: 'link-down', message: 'l' }) }), fixedContext(0));
    expect(now.changes.map((c) => [c.action, c.alarm.id])).toEqual([['cleared', 'l']]);
    const limits = conditions(
      { code: 'hihi', reading: 'temperature', message: 'a' },
      { code: 'hi', reading: 'temperature', message: 'b' },
      { code: 'hi', reading: 'pressure', message: 'c' },
    );
    expect([...unsuppressed(limits).keys()]).toEqual(['hihi:temperature', 'hi:pressure']);
    expect([...unsuppressed(new Map([...limits, ...conditions({ code: 'offline', message: 'o' })])).keys()]).toEqual(['offline']);
  });

  it('out of service: nothing is raised, whatever holds', () => {
    const result = evaluateAlarms(input({ conditions: conditions({ code: 'slow', message: 's' }, { code: 'hihi', reading: 't', message: 'x' }), outOfService: true }), fixedContext(0));
    expect(result).toEqual({ changes: [], pending: new Map() });
  });

  it('re-raises an alarm that returned to normal unacknowledged instead of adding a second one, and counts the raise', () => {
    const rtn = testAlarm('r', { code: 'slow', severity: 'warning', clearedAt: 5, recentRaises: [1] });
    const result = evaluateAlarms(input({ alarms: byKey(rtn), conditions: conditions({ code: 'slow', message: 'again' }) }), fixedContext(10));
    expect(result.changes).toEqual([{ action: 'raised', alarm: { ...rtn, message: 'again', raisedAt: 10, clearedAt: null, recentRaises: [1, 10] } }]);
  });

  it('keeps an on-edge waiting across evaluations and drops it when the condition ends', () => {
    const pending: Map<string, PendingEdge> = new Map([['offline', { edge: 'on', since: 0 }]]);
    expect(evaluateAlarms(input({ conditions: offline, pending }), fixedContext(500)).pending).toEqual(pending);
    expect(evaluateAlarms(input({ pending }), fixedContext(500)).pending).toEqual(new Map());
  });

  it('records changes as events with who and the comment', () => {
    const alarm = testAlarm('a1');
    expect(alarmEvent({ action: 'acknowledged', alarm, user: 'alice', comment: 'ok' }, fixedContext(50))).toEqual({
      type: 'alarm',
      id: 'id-1',
      ts: 50,
      deviceId: 'camera-1',
      action: 'acknowledged',
      alarm,
      user: 'alice',
      comment: 'ok',
    });
    expect(alarmEvent({ action: 'raised', alarm }, fixedContext(50))).not.toHaveProperty('user');
  });
});
