import { alarmStateOf } from '@fleet/contracts';
import { testAlarm } from '../testing/fixtures';
import { CHATTER_WINDOW_MS, SYSTEM_USER, isDone, shelveExpired, transitionAlarm, type AlarmTransition } from './alarm-state';

const ok = (t: AlarmTransition) => {
  if (!t.ok) throw new Error(`refused: ${t.reason}`);
  return t;
};

describe('alarm state - ISA-18.2 transitions of one alarm', () => {
  const active = testAlarm('a1');

  it('active-unacked -ack-> active-acked, with who, when and the comment, recorded once', () => {
    const acked = ok(transitionAlarm(active, { type: 'ack', by: 'alice', comment: 'seen, calling the vendor', now: 50 }));
    expect(alarmStateOf(acked.alarm)).toBe('active-acked');
    expect(acked.alarm.acknowledged).toEqual({ by: 'alice', at: 50, comment: 'seen, calling the vendor' });
    expect(acked.changes).toEqual([{ action: 'acknowledged', alarm: acked.alarm, user: 'alice', comment: 'seen, calling the vendor' }]);
    expect(acked.done).toBe(false);
    expect(transitionAlarm(acked.alarm, { type: 'ack', by: 'bob', now: 60 })).toEqual({ ok: false, reason: 'alarm a1 was already acknowledged by alice' });
  });

  it('an empty comment is not recorded', () => {
    const acked = ok(transitionAlarm(active, { type: 'ack', by: 'alice', comment: '', now: 50 }));
    expect(acked.alarm.acknowledged).toEqual({ by: 'alice', at: 50 });
    expect(acked.changes[0]).not.toHaveProperty('comment');
  });

  it('active-acked -clear-> normal: done, it leaves the book', () => {
    const acked = ok(transitionAlarm(active, { type: 'ack', by: 'alice', now: 50 })).alarm;
    const cleared = ok(transitionAlarm(acked, { type: 'clear', now: 70 }));
    expect(alarmStateOf(cleared.alarm)).toBe('normal');
    expect(cleared.done).toBe(true);
    expect(cleared.changes.map((c) => c.action)).toEqual(['cleared']);
  });

  it('active-unacked -clear-> rtn-unacked -ack-> normal (done)', () => {
    const rtn = ok(transitionAlarm(active, { type: 'clear', now: 70 }));
    expect(alarmStateOf(rtn.alarm)).toBe('rtn-unacked');
    expect(rtn.done).toBe(false);
    const acked = ok(transitionAlarm(rtn.alarm, { type: 'ack', by: 'alice', now: 80 }));
    expect(alarmStateOf(acked.alarm)).toBe('normal');
    expect(acked.done).toBe(true);
  });

  it('rtn-unacked -raise-> active-unacked: the same alarm again, with the new message and time', () => {
    const rtn = ok(transitionAlarm(active, { type: 'clear', now: 70 })).alarm;
    const again = ok(transitionAlarm(rtn, { type: 'raise', message: 'back', now: 90 }));
    expect(alarmStateOf(again.alarm)).toBe('active-unacked');
    expect(again.alarm).toMatchObject({ id: 'a1', message: 'back', raisedAt: 90, clearedAt: null, recentRaises: [1, 90], chattering: false });
    expect(again.changes.map((c) => c.action)).toEqual(['raised']);
  });

  it('refuses to raise an active alarm or clear a returned one', () => {
    expect(transitionAlarm(active, { type: 'raise', message: 'x', now: 5 })).toEqual({ ok: false, reason: 'alarm a1 is already active' });
    const rtn = ok(transitionAlarm(active, { type: 'clear', now: 70 })).alarm;
    expect(transitionAlarm(rtn, { type: 'clear', now: 80 })).toEqual({ ok: false, reason: 'alarm a1 is not active' });
  });

  it('chattering: the third raise within a minute flags it; raises older than a minute do not count', () => {
    let alarm = testAlarm('c', { recentRaises: [0] });
    for (const now of [10_000, 20_000]) {
      alarm = ok(transitionAlarm(alarm, { type: 'clear', now: now - 1 })).alarm;
      alarm = ok(transitionAlarm(alarm, { type: 'raise', message: 'm', now })).alarm;
    }
    expect(alarm.chattering).toBe(true);
    const later = CHATTER_WINDOW_MS + 30_000;
    alarm = ok(transitionAlarm(alarm, { type: 'clear', now: later - 1 })).alarm;
    alarm = ok(transitionAlarm(alarm, { type: 'raise', message: 'm', now: later })).alarm;
    expect(alarm.recentRaises).toEqual([later]);
    expect(alarm.chattering).toBe(false);
  });

  it('timed shelve: shelved with who, why and until; stays in the book after it clears and is acknowledged; expires', () => {
    const shelved = ok(transitionAlarm(active, { type: 'shelve', by: 'alice', reason: 'sensor replaced tomorrow', until: 3_600_050, now: 50 }));
    expect(shelved.alarm.shelved).toEqual({ by: 'alice', at: 50, reason: 'sensor replaced tomorrow', until: 3_600_050 });
    expect(shelved.changes).toEqual([{ action: 'shelved', alarm: shelved.alarm, user: 'alice', comment: 'sensor replaced tomorrow' }]);
    const cleared = ok(transitionAlarm(shelved.alarm, { type: 'clear', now: 60 }));
    expect(cleared.alarm.shelved).not.toBeNull();
    const acked = ok(transitionAlarm(cleared.alarm, { type: 'ack', by: 'bob', now: 70 }));
    expect(acked.done).toBe(false);
    expect(shelveExpired(acked.alarm, 3_600_049)).toBe(false);
    expect(shelveExpired(acked.alarm, 3_600_050)).toBe(true);
    const expired = ok(transitionAlarm(acked.alarm, { type: 'unshelve', by: SYSTEM_USER, reason: 'shelve time expired', now: 3_600_050 }));
    expect(expired.changes).toEqual([{ action: 'unshelved', alarm: expired.alarm, user: 'system', comment: 'shelve time expired' }]);
    expect(expired.done).toBe(true);
  });

  it('one-shot shelve ends when the alarm clears, with an unshelve event by the system', () => {
    const shelved = ok(transitionAlarm(active, { type: 'shelve', by: 'alice', reason: 'known, fixing', until: null, now: 50 })).alarm;
    const cleared = ok(transitionAlarm(shelved, { type: 'clear', now: 60 }));
    expect(cleared.alarm.shelved).toBeNull();
    expect(cleared.changes.map((c) => [c.action, c.user])).toEqual([
      ['cleared', undefined],
      ['unshelved', 'system'],
    ]);
    expect(alarmStateOf(cleared.alarm)).toBe('rtn-unacked');
  });

  it('refuses a second shelve, a one-shot shelve of a returned alarm, a shelve ending in the past, and unshelving an unshelved alarm', () => {
    const shelved = ok(transitionAlarm(active, { type: 'shelve', by: 'alice', reason: 'r', until: null, now: 50 })).alarm;
    expect(transitionAlarm(shelved, { type: 'shelve', by: 'bob', reason: 'r', until: 100, now: 60 })).toEqual({
      ok: false,
      reason: 'alarm a1 is already shelved by alice until it clears',
    });
    const rtn = ok(transitionAlarm(active, { type: 'clear', now: 70 })).alarm;
    expect(transitionAlarm(rtn, { type: 'shelve', by: 'bob', reason: 'r', until: null, now: 80 })).toMatchObject({ ok: false, reason: expect.stringContaining('one-shot') });
    expect(transitionAlarm(active, { type: 'shelve', by: 'bob', reason: 'r', until: 10, now: 80 })).toEqual({ ok: false, reason: 'a shelve must end in the future' });
    expect(transitionAlarm(active, { type: 'unshelve', by: 'bob', now: 80 })).toEqual({ ok: false, reason: 'alarm a1 is not shelved' });
  });

  it('manual unshelve records who and why; an active alarm stays in the book', () => {
    const shelved = ok(transitionAlarm(active, { type: 'shelve', by: 'alice', reason: 'r', until: 1000, now: 50 })).alarm;
    const unshelved = ok(transitionAlarm(shelved, { type: 'unshelve', by: 'bob', reason: 'fixed early', now: 60 }));
    expect(unshelved.alarm.shelved).toBeNull();
    expect(unshelved.changes[0]).toMatchObject({ action: 'unshelved', user: 'bob', comment: 'fixed early' });
    expect(unshelved.done).toBe(false);
  });

  it('remove (out of service) ends an alarm in any state, recording who and why', () => {
    const removed = ok(transitionAlarm(active, { type: 'remove', by: 'alice', reason: 'out of service: maintenance', now: 99 }));
    expect(removed).toMatchObject({ done: true, alarm: { clearedAt: 99 } });
    expect(removed.changes).toEqual([{ action: 'removed', alarm: removed.alarm, user: 'alice', comment: 'out of service: maintenance' }]);
    const rtn = ok(transitionAlarm(active, { type: 'clear', now: 70 })).alarm;
    expect(ok(transitionAlarm(rtn, { type: 'remove', by: 'alice', reason: 'r', now: 99 })).alarm.clearedAt).toBe(70);
  });

  it('isDone: normal and not shelved', () => {
    expect(isDone(active)).toBe(false);
    expect(isDone(testAlarm('d', { clearedAt: 2, acknowledged: { by: 'a', at: 3 } }))).toBe(true);
    expect(isDone(testAlarm('d', { clearedAt: 2, acknowledged: { by: 'a', at: 3 }, shelved: { by: 'a', at: 1, reason: 'r', until: 9 } }))).toBe(false);
  });
});
