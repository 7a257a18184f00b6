import {
  CommonState,
  LIMIT_CODES,
  alarmKey,
  type Alarm,
  type AlarmCode,
  type AlarmEvent,
  type DeviceState,
} from '@fleet/contracts';
import type { DecisionContext } from '../devices/device-record';
import { transitionAlarm, recentRaises, type AlarmChange } from './alarm-state';
import { ALARM_TYPES, alarmOnDelayMs } from './alarm-types';

export { OFFLINE_ALARM_ON_DELAY_MS } from './alarm-types';

/** A condition that holds for a device: what alarm it would raise, and its message. */
export interface Condition {
  readonly code: AlarmCode;
  readonly reading?: string;
  readonly message: string;
}

/** The conditions holding for a device, by alarm key (see `alarmKey`). */
export type AlarmConditions = ReadonlyMap<string, Condition>;

/** A condition's change waiting out its delay: holding not yet raised (`on`), or gone not yet cleared (`off`), since when. */
export interface PendingEdge {
  readonly edge: 'on' | 'off';
  readonly since: number;
}

/** Who acknowledged an alarm when the request named nobody. */
export const ANONYMOUS_USER = 'anonymous';

const MAX_MESSAGE = 500;

const put = (conditions: Map<string, Condition>, condition: Condition): void => {
  conditions.set(alarmKey(condition), { ...condition, message: condition.message.slice(0, MAX_MESSAGE) });
};

/**
 * Which system conditions hold for a device. Offline counts only for a device that has been seen
 * (a device just announced by its birth is Offline until its first status, which is no alarm).
 * While Offline nothing is known about the link or the rate, so those conditions end.
 */
export function deviceConditions(state: DeviceState, slow: string | undefined): AlarmConditions {
  const id = state.deviceId;
  const conditions = new Map<string, Condition>();
  if (state.state === CommonState.Offline) {
    if (state.lastSeen !== null) put(conditions, { code: 'offline', message: `${id} is Offline: ${state.reason}` });
    return conditions;
  }
  if (state.state === CommonState.Fault) put(conditions, { code: 'fault', message: `${id} is in Fault: ${state.reason}` });
  if (state.link === 'down') put(conditions, { code: 'link-down', message: `${id} link down: ${state.linkReason ?? 'no reason given'}` });
  if (slow !== undefined) put(conditions, { code: 'slow', message: `${id} is slow: ${slow}` });
  return conditions;
}

const LIMITS: ReadonlySet<AlarmCode> = new Set(LIMIT_CODES);

/** Limit alarms are per reading; the others are about the whole device. */
const isLimit = (code: AlarmCode): boolean => LIMITS.has(code);

/** Whether a condition is consequential to another one holding (suppressed by design). */
function suppressed(condition: Condition, holding: AlarmConditions): boolean {
  for (const by of ALARM_TYPES[condition.code].suppressedBy) {
    const reading = isLimit(by) ? condition.reading : undefined;
    if (holding.has(alarmKey({ code: by, ...(reading !== undefined ? { reading } : {}) }))) return true;
  }
  return false;
}

/** The conditions left once consequential ones are dropped (one cause, one alarm). */
export function unsuppressed(conditions: AlarmConditions): AlarmConditions {
  const kept = new Map<string, Condition>();
  for (const [key, condition] of conditions) if (!suppressed(condition, conditions)) kept.set(key, condition);
  return kept;
}

/** Inputs of one device's evaluation. */
export interface DeviceAlarmInput {
  readonly deviceId: string;
  readonly conditions: AlarmConditions;
  /** The device's alarms in the book (active, or awaiting acknowledgement or unshelve), by key. */
  readonly alarms: ReadonlyMap<string, Alarm>;
  readonly pending: ReadonlyMap<string, PendingEdge>;
  /** A device out of service raises nothing (its alarms were removed when it went out). */
  readonly outOfService: boolean;
  /** The configured on-delay (`alarmDelayMs`). */
  readonly delayMs: number;
}

/**
 * Brings one device's alarms in line with its conditions: raises those that have held for their
 * on-delay (again, for an alarm that returned to normal unacknowledged) and clears those gone for
 * their off-delay. Suppressed and out-of-service conditions do not hold. A condition that ends
 * before its on-delay raises nothing; one back before the off-delay clears nothing. Returns the
 * changes and the edges still waiting.
 */
export function evaluateAlarms(input: DeviceAlarmInput, ctx: DecisionContext): { changes: AlarmChange[]; pending: Map<string, PendingEdge> } {
  const holding = input.outOfService ? new Map<string, Condition>() : unsuppressed(input.conditions);
  const changes: AlarmChange[] = [];
  const pending = new Map<string, PendingEdge>();
  const keys = new Set([...holding.keys(), ...[...input.alarms].filter(([, a]) => a.clearedAt === null).map(([key]) => key)]);
  for (const key of keys) {
    const condition = holding.get(key);
    const alarm = input.alarms.get(key);
    const active = alarm !== undefined && alarm.clearedAt === null;
    if (condition && !active) {
      const delay = alarmOnDelayMs(condition.code, input.delayMs);
      const since = input.pending.get(key)?.edge === 'on' ? (input.pending.get(key)?.since ?? ctx.now) : ctx.now;
      if (ctx.now - since < delay) {
        pending.set(key, { edge: 'on', since });
        continue;
      }
      if (alarm) {
        const raised = transitionAlarm(alarm, { type: 'raise', message: condition.message, now: ctx.now });
        if (raised.ok) changes.push(...raised.changes);
      } else {
        changes.push({ action: 'raised', alarm: newAlarm(input.deviceId, condition, ctx) });
      }
    } else if (!condition && alarm && active) {
      const delay = ALARM_TYPES[alarm.code].offDelayMs;
      const since = input.pending.get(key)?.edge === 'off' ? (input.pending.get(key)?.since ?? ctx.now) : ctx.now;
      if (ctx.now - since < delay) {
        pending.set(key, { edge: 'off', since });
        continue;
      }
      const cleared = transitionAlarm(alarm, { type: 'clear', now: ctx.now });
      if (cleared.ok) changes.push(...cleared.changes);
    }
  }
  return { changes, pending };
}

function newAlarm(deviceId: string, condition: Condition, ctx: DecisionContext): Alarm {
  return {
    id: ctx.newId(),
    deviceId,
    code: condition.code,
    ...(condition.reading !== undefined ? { reading: condition.reading } : {}),
    severity: ALARM_TYPES[condition.code].severity,
    message: condition.message,
    raisedAt: ctx.now,
    clearedAt: null,
    acknowledged: null,
    shelved: null,
    recentRaises: recentRaises([], ctx.now),
    chattering: false,
  };
}

/** The event recording an alarm change. */
export function alarmEvent(change: AlarmChange, ctx: DecisionContext): AlarmEvent {
  return {
    type: 'alarm',
    id: ctx.newId(),
    ts: ctx.now,
    deviceId: change.alarm.deviceId,
    action: change.action,
    alarm: change.alarm,
    ...(change.user !== undefined ? { user: change.user } : {}),
    ...(change.comment !== undefined ? { comment: change.comment } : {}),
  };
}
