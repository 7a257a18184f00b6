import type { Alarm, AlarmCode } from '@fleet/contracts';
import { cameraRecord, fixedContext } from '../testing/fixtures';
import {
  OFFLINE_ALARM_ON_DELAY_MS,
  acknowledgeAlarm,
  alarmEvent,
  alarmOnDelayMs,
  deviceConditions,
  evaluateAlarms,
  type PendingCondition,
} from './alarm-logic';

const none = new Map<AlarmCode, PendingCondition>();

describe('alarm logic', () => {
  it('derives conditions: Offline only once seen; Fault, link down and slow while online', () => {
    expect(deviceConditions(cameraRecord('Offline', {}, null).state, undefined)).toEqual({});
    expect(deviceConditions({ ...cameraRecord('Offline').state, reason: 'no status' }, 'x')).toEqual({ offline: 'camera-1 is Offline: no status' });
    const fault = { ...cameraRecord('Fault').state, reason: 'link down: reset', link: 'down' as const, linkReason: 'reset' };
    expect(deviceConditions(fault, undefined)).toEqual({ fault: 'camera-1 is in Fault: link down: reset', 'link-down': 'camera-1 link down: reset' });
    expect(deviceConditions(cameraRecord('Idle').state, 'status at 4.0 Hz')).toEqual({ slow: 'camera-1 is slow: status at 4.0 Hz' });
  });

  it('raises Offline as critical once it held for the on-delay, and clears it when the condition ends', () => {
    const first = evaluateAlarms('camera-1', new Map(), none, { offline: 'gone' }, 1000, fixedContext(100));
    expect(first.changes).toEqual([]);
    expect(first.pending).toEqual(new Map([['offline', { since: 100 }]]));
    const raised = evaluateAlarms('camera-1', new Map(), first.pending, { offline: 'gone' }, 1000, fixedContext(100 + OFFLINE_ALARM_ON_DELAY_MS));
    expect(raised.changes).toEqual([
      {
        action: 'raised',
        alarm: { id: 'id-1', deviceId: 'camera-1', code: 'offline', severity: 'critical', message: 'gone', raisedAt: 100 + OFFLINE_ALARM_ON_DELAY_MS, clearedAt: null, acknowledged: null },
      },
    ]);
    const alarm = raised.changes[0]?.alarm;
    if (!alarm) throw new Error('no alarm raised');
    const cleared = evaluateAlarms('camera-1', new Map([['offline', alarm]]), none, {}, 1000, fixedContext(5000));
    expect(cleared.changes).toEqual([{ action: 'cleared', alarm: { ...alarm, clearedAt: 5000 } }]);
  });

  it('raises no Offline alarm for a gap shorter than the on-delay, whatever the configured delay', () => {
    // A machine busy for a moment: status 460 ms apart makes the device Offline, then it is back.
    const gap = evaluateAlarms('camera-1', new Map(), none, { offline: 'no status for 460 ms' }, 0, fixedContext(0));
    expect(gap.changes).toEqual([]);
    const almost = evaluateAlarms('camera-1', new Map(), gap.pending, { offline: 'no status for 460 ms' }, 0, fixedContext(OFFLINE_ALARM_ON_DELAY_MS - 1));
    expect(almost.changes).toEqual([]);
    const back = evaluateAlarms('camera-1', new Map(), almost.pending, {}, 0, fixedContext(OFFLINE_ALARM_ON_DELAY_MS - 1));
    expect(back).toEqual({ changes: [], pending: new Map() });
    // Offline again later starts a new on-delay rather than resuming the old one.
    const again = evaluateAlarms('camera-1', new Map(), back.pending, { offline: 'again' }, 0, fixedContext(OFFLINE_ALARM_ON_DELAY_MS + 10));
    expect(again.pending.get('offline')).toEqual({ since: OFFLINE_ALARM_ON_DELAY_MS + 10 });
  });

  it('gives each code its on-delay: Offline a constant, fault and link-down the configured delay, slow none', () => {
    expect(alarmOnDelayMs('offline', 0)).toBe(OFFLINE_ALARM_ON_DELAY_MS);
    expect(alarmOnDelayMs('fault', 250)).toBe(250);
    expect(alarmOnDelayMs('link-down', 0)).toBe(0);
    expect(alarmOnDelayMs('slow', 1000)).toBe(0);
    expect(evaluateAlarms('camera-1', new Map(), none, { slow: 's' }, 1000, fixedContext(0)).changes.map((c) => c.alarm.code)).toEqual(['slow']);
  });

  it('raises fault and link-down only after they held for the delay, and never for a shorter blip', () => {
    const conditions = { fault: 'f', 'link-down': 'l' };
    const first = evaluateAlarms('camera-1', new Map(), none, conditions, 1000, fixedContext(0));
    expect(first.changes).toEqual([]);
    expect([...first.pending.keys()]).toEqual(['fault', 'link-down']);
    const later = evaluateAlarms('camera-1', new Map(), first.pending, conditions, 1000, fixedContext(1000));
    expect(later.changes.map((c) => [c.action, c.alarm.code, c.alarm.severity])).toEqual([
      ['raised', 'fault', 'critical'],
      ['raised', 'link-down', 'warning'],
    ]);
    const blip = evaluateAlarms('camera-1', new Map(), first.pending, {}, 1000, fixedContext(500));
    expect(blip).toEqual({ changes: [], pending: new Map() });
  });

  it('records who acknowledged, once', () => {
    const alarm: Alarm = { id: 'a1', deviceId: 'camera-1', code: 'offline', severity: 'critical', message: 'm', raisedAt: 1, clearedAt: null, acknowledged: null };
    const ack = acknowledgeAlarm(alarm, 'a1', 'alice', 50);
    expect(ack).toEqual({ ok: true, change: { action: 'acknowledged', user: 'alice', alarm: { ...alarm, acknowledged: { by: 'alice', at: 50 } } } });
    if (!ack.ok) return;
    expect(acknowledgeAlarm(ack.change.alarm, 'a1', 'bob', 60)).toMatchObject({ ok: false, reason: 'alarm a1 was already acknowledged by alice' });
    expect(acknowledgeAlarm(undefined, 'zz', 'bob', 60)).toMatchObject({ ok: false, reason: expect.stringContaining('unknown alarm zz') });
    expect(alarmEvent(ack.change, fixedContext(50))).toMatchObject({ type: 'alarm', action: 'acknowledged', user: 'alice', deviceId: 'camera-1' });
  });
});
