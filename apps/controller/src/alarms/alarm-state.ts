import { alarmStateOf, type Alarm, type AlarmEvent } from '@fleet/contracts';

/** Who acts when nobody does: an automatic unshelve (expired, or a one-shot shelve ending). */
export const SYSTEM_USER = 'system';

/** Raises within this window count towards chattering. */
export const CHATTER_WINDOW_MS = 60_000;

/** Raises within `CHATTER_WINDOW_MS` that make an alarm chattering (ISA-18.2: 3 or more a minute). */
export const CHATTER_RAISES = 3;

/** Most raise times an alarm remembers. */
const MAX_RECENT_RAISES = 10;

/** A change to one alarm, recorded as an event; `alarm` is its state after the change. */
export interface AlarmChange {
  readonly action: AlarmEvent['action'];
  readonly alarm: Alarm;
  readonly user?: string;
  readonly comment?: string;
}

/** What can happen to one alarm. */
export type AlarmInput =
  | { readonly type: 'raise'; readonly message: string; readonly now: number }
  | { readonly type: 'clear'; readonly now: number }
  | { readonly type: 'ack'; readonly by: string; readonly comment?: string; readonly now: number }
  | { readonly type: 'shelve'; readonly by: string; readonly reason: string; readonly until: number | null; readonly now: number }
  | { readonly type: 'unshelve'; readonly by: string; readonly reason?: string; readonly now: number }
  | { readonly type: 'remove'; readonly by: string; readonly reason: string; readonly now: number };

/**
 * The outcome of an input: the alarm after it, the changes to record, and whether the alarm is
 * done (returned to normal, acknowledged and not shelved: it leaves the book); or a refusal with a
 * reason an operator can read.
 */
export type AlarmTransition =
  | { readonly ok: true; readonly alarm: Alarm; readonly changes: readonly AlarmChange[]; readonly done: boolean }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): AlarmTransition => ({ ok: false, reason });

/** Done: nothing left for an operator or the shelf. */
export function isDone(alarm: Alarm): boolean {
  return alarmStateOf(alarm) === 'normal' && alarm.shelved === null;
}

const done = (alarm: Alarm, changes: AlarmChange[]): AlarmTransition => ({ ok: true, alarm, changes, done: isDone(alarm) });

const withComment = (comment: string | undefined): { comment?: string } => (comment !== undefined && comment !== '' ? { comment } : {});

/** The raise times within the chatter window, with `now`. */
export function recentRaises(previous: readonly number[], now: number): number[] {
  return [...previous.filter((t) => now - t < CHATTER_WINDOW_MS), now].slice(-MAX_RECENT_RAISES);
}

/**
 * ISA-18.2 state transitions of one alarm: active-unacked -ack-> active-acked -clear-> normal
 * (done); active-unacked -clear-> rtn-unacked -ack-> normal (done); rtn-unacked -raise->
 * active-unacked (the same alarm again, counted towards chattering). Shelving overlays any state
 * (timed with `until`, or one-shot: `until: null`, ending when the alarm clears); a shelved alarm
 * stays in the book until unshelved. `remove` (device out of service) ends the alarm whatever its state.
 */
export function transitionAlarm(alarm: Alarm, input: AlarmInput): AlarmTransition {
  const state = alarmStateOf(alarm);
  const active = state === 'active-unacked' || state === 'active-acked';
  switch (input.type) {
    case 'raise': {
      if (active) return refuse(`alarm ${alarm.id} is already active`);
      const raises = recentRaises(alarm.recentRaises, input.now);
      const next: Alarm = {
        ...alarm,
        message: input.message,
        raisedAt: input.now,
        clearedAt: null,
        acknowledged: null,
        recentRaises: raises,
        chattering: raises.length >= CHATTER_RAISES,
      };
      return done(next, [{ action: 'raised', alarm: next }]);
    }
    case 'clear': {
      if (!active) return refuse(`alarm ${alarm.id} is not active`);
      const cleared: Alarm = { ...alarm, clearedAt: input.now };
      const oneShot = alarm.shelved !== null && alarm.shelved.until === null;
      if (!oneShot) return done(cleared, [{ action: 'cleared', alarm: cleared }]);
      const unshelved: Alarm = { ...cleared, shelved: null };
      return done(unshelved, [
        { action: 'cleared', alarm: cleared },
        { action: 'unshelved', alarm: unshelved, user: SYSTEM_USER, comment: 'one-shot shelve ended: the alarm cleared' },
      ]);
    }
    case 'ack': {
      if (alarm.acknowledged) return refuse(`alarm ${alarm.id} was already acknowledged by ${alarm.acknowledged.by}`);
      const comment = withComment(input.comment);
      const next: Alarm = { ...alarm, acknowledged: { by: input.by, at: input.now, ...comment } };
      return done(next, [{ action: 'acknowledged', alarm: next, user: input.by, ...comment }]);
    }
    case 'shelve': {
      if (alarm.shelved) {
        const until = alarm.shelved.until === null ? 'until it clears' : `until ${new Date(alarm.shelved.until).toISOString()}`;
        return refuse(`alarm ${alarm.id} is already shelved by ${alarm.shelved.by} ${until}`);
      }
      if (input.until === null && !active) return refuse(`alarm ${alarm.id} has returned to normal; a one-shot shelve needs an active alarm`);
      if (input.until !== null && input.until <= input.now) return refuse('a shelve must end in the future');
      const next: Alarm = { ...alarm, shelved: { by: input.by, at: input.now, reason: input.reason, until: input.until } };
      return done(next, [{ action: 'shelved', alarm: next, user: input.by, comment: input.reason }]);
    }
    case 'unshelve': {
      if (!alarm.shelved) return refuse(`alarm ${alarm.id} is not shelved`);
      const next: Alarm = { ...alarm, shelved: null };
      return done(next, [{ action: 'unshelved', alarm: next, user: input.by, ...withComment(input.reason) }]);
    }
    case 'remove': {
      const next: Alarm = { ...alarm, clearedAt: alarm.clearedAt ?? input.now };
      return { ok: true, alarm: next, changes: [{ action: 'removed', alarm: next, user: input.by, comment: input.reason }], done: true };
    }
  }
}

/** Whether a timed shelve has run out at `now`. */
export function shelveExpired(alarm: Alarm, now: number): boolean {
  return alarm.shelved !== null && alarm.shelved.until !== null && alarm.shelved.until <= now;
}
