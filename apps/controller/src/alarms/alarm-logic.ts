import {
  AlarmCodeSchema,
  CommonState,
  type Alarm,
  type AlarmCode,
  type AlarmEvent,
  type AlarmSeverity,
  type DeviceState,
} from '@fleet/contracts';
import type { DecisionContext } from '../devices/device-record';

/** For each alarm code, the message while its condition holds; a missing code means it does not hold. */
export type AlarmConditions = Partial<Record<AlarmCode, string>>;

/** A change to one alarm; `alarm` is its state after the change. */
export interface AlarmChange {
  readonly action: AlarmEvent['action'];
  readonly alarm: Alarm;
  readonly user?: string;
}

/** Critical when the device cannot be used at all; warning when it works but something is off. */
export const ALARM_SEVERITY: Readonly<Record<AlarmCode, AlarmSeverity>> = {
  offline: 'critical',
  fault: 'critical',
  'link-down': 'warning',
  slow: 'warning',
};

/**
 * How long the Offline condition must hold before its alarm is raised (ISA-18.2 on-delay). The
 * state shows Offline at once (3 silent periods, within 500 ms of an agent's death), but a gap of
 * a few hundred ms while the whole machine is busy for a moment is not worth an operator's
 * acknowledgement; a dead agent stays silent well past it.
 */
export const OFFLINE_ALARM_ON_DELAY_MS = 1000;

/**
 * The on-delay of each alarm code: how long its condition must hold before the alarm is raised.
 * Fault and link-down use the configured delay (a link still connecting at agent start, or a
 * blip, is shown as the device's state at once); slow has its own measurement window.
 */
export function alarmOnDelayMs(code: AlarmCode, configuredDelayMs: number): number {
  switch (code) {
    case 'offline':
      return OFFLINE_ALARM_ON_DELAY_MS;
    case 'fault':
    case 'link-down':
      return configuredDelayMs;
    case 'slow':
      return 0;
  }
}

/** A condition seen holding, not yet raised, and since when. */
export interface PendingCondition {
  readonly since: number;
}

/** Who acknowledged an alarm when the request named nobody. */
export const ANONYMOUS_USER = 'anonymous';

const ALARM_CODES: readonly AlarmCode[] = AlarmCodeSchema.options;
const MAX_MESSAGE = 500;

/**
 * Which alarm conditions hold for a device. Offline counts only for a device that has been seen
 * (a device just announced by its birth is Offline until its first status, which is no alarm).
 * While Offline nothing is known about the link or the rate, so those alarms clear.
 */
export function deviceConditions(state: DeviceState, slow: string | undefined): AlarmConditions {
  const id = state.deviceId;
  const conditions: AlarmConditions = {};
  if (state.state === CommonState.Offline) {
    if (state.lastSeen !== null) conditions.offline = `${id} is Offline: ${state.reason}`;
    return conditions;
  }
  if (state.state === CommonState.Fault) conditions.fault = `${id} is in Fault: ${state.reason}`;
  if (state.link === 'down') conditions['link-down'] = `${id} link down: ${state.linkReason ?? 'no reason given'}`;
  if (slow !== undefined) conditions.slow = `${id} is slow: ${slow}`;
  return conditions;
}

/**
 * Raises the alarms whose condition has held for its on-delay (see `alarmOnDelayMs`; `delayMs` is
 * the configured one) and clears those whose condition ended. A condition that ends before its
 * on-delay raises nothing. Returns the changes and the conditions still pending.
 */
export function evaluateAlarms(
  deviceId: string,
  active: ReadonlyMap<AlarmCode, Alarm>,
  pending: ReadonlyMap<AlarmCode, PendingCondition>,
  conditions: AlarmConditions,
  delayMs: number,
  ctx: DecisionContext,
): { changes: AlarmChange[]; pending: Map<AlarmCode, PendingCondition> } {
  const changes: AlarmChange[] = [];
  const stillPending = new Map<AlarmCode, PendingCondition>();
  for (const code of ALARM_CODES) {
    const message = conditions[code];
    const current = active.get(code);
    const onDelayMs = alarmOnDelayMs(code, delayMs);
    if (message !== undefined && !current && onDelayMs > 0) {
      const since = pending.get(code)?.since ?? ctx.now;
      if (ctx.now - since < onDelayMs) {
        stillPending.set(code, { since });
        continue;
      }
    }
    if (message !== undefined && !current) {
      const alarm: Alarm = {
        id: ctx.newId(),
        deviceId,
        code,
        severity: ALARM_SEVERITY[code],
        message: message.slice(0, MAX_MESSAGE),
        raisedAt: ctx.now,
        clearedAt: null,
        acknowledged: null,
      };
      changes.push({ action: 'raised', alarm });
    } else if (message === undefined && current) {
      changes.push({ action: 'cleared', alarm: { ...current, clearedAt: ctx.now } });
    }
  }
  return { changes, pending: stillPending };
}

/** An operator acknowledges an alarm: accepted once; a second acknowledgement is refused with who did it. */
export function acknowledgeAlarm(
  alarm: Alarm | undefined,
  alarmId: string,
  user: string | undefined,
  now: number,
): { ok: true; change: AlarmChange } | { ok: false; reason: string; alarm?: Alarm } {
  if (!alarm) return { ok: false, reason: `unknown alarm ${alarmId} (never raised, or cleared and acknowledged)` };
  if (alarm.acknowledged) {
    return { ok: false, reason: `alarm ${alarmId} was already acknowledged by ${alarm.acknowledged.by}`, alarm };
  }
  const by = user ?? ANONYMOUS_USER;
  return { ok: true, change: { action: 'acknowledged', alarm: { ...alarm, acknowledged: { by, at: now } }, user: by } };
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
  };
}
