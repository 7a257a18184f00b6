import type { Alarm, AlarmAction, AlarmActionReply, AlarmRefusal, OutOfService } from '@fleet/contracts';
import { ANONYMOUS_USER } from './alarm-logic';
import { transitionAlarm, type AlarmInput, type AlarmTransition } from './alarm-state';

/** One alarm's accepted transition, to be committed. */
export type AcceptedTransition = Extract<AlarmTransition, { ok: true }>;

/** What an operator action amounts to: the reply, the alarm transitions and the device's service change. */
export interface ActionPlan {
  readonly reply: AlarmActionReply;
  readonly transitions: readonly AcceptedTransition[];
  /** `set`: the device goes out of service; `clear`: it is back in service. */
  readonly service?: { readonly set: OutOfService } | { readonly clear: OutOfService };
}

/** What a plan may look at: one device's alarms and service record, as the owner holds them. */
export interface ActionScope {
  readonly deviceId: string;
  /** An alarm of this device by id; `undefined` when unknown or another device's. */
  alarm(id: string): Alarm | undefined;
  /** Every alarm of the device in the book. */
  readonly alarms: readonly Alarm[];
  readonly outOfService: OutOfService | undefined;
}

const unknown = (id: string, deviceId: string): string => `unknown alarm ${id} on ${deviceId} (never raised, done, or another device's)`;

/**
 * Decides an operator action on one device (pure): acknowledge several alarms (each refused alone
 * when unknown or already acknowledged), shelve for a bounded time or one-shot, unshelve, out of
 * service (removes the device's alarms) and back. Refusals carry a reason an operator can read.
 */
export function planAlarmAction(action: AlarmAction, scope: ActionScope, now: number): ActionPlan {
  const by = action.user ?? ANONYMOUS_USER;
  const refusal = (reason: string): ActionPlan => ({ reply: { accepted: false, reason, alarms: [], refused: [] }, transitions: [] });
  const one = (alarmId: string, input: AlarmInput): ActionPlan => {
    const alarm = scope.alarm(alarmId);
    if (!alarm) return refusal(unknown(alarmId, scope.deviceId));
    const result = transitionAlarm(alarm, input);
    if (!result.ok) return { reply: { accepted: false, reason: result.reason, alarms: [alarm], refused: [{ alarmId, reason: result.reason }] }, transitions: [] };
    return { reply: { accepted: true, alarms: [result.alarm], refused: [] }, transitions: [result] };
  };
  switch (action.action) {
    case 'ack': {
      const transitions: AcceptedTransition[] = [];
      const refused: AlarmRefusal[] = [];
      for (const alarmId of new Set(action.alarmIds)) {
        const alarm = scope.alarm(alarmId);
        const result = alarm ? transitionAlarm(alarm, { type: 'ack', by, now, ...(action.comment !== undefined ? { comment: action.comment } : {}) }) : undefined;
        if (result?.ok) transitions.push(result);
        else refused.push({ alarmId, reason: result ? result.reason : unknown(alarmId, scope.deviceId) });
      }
      const reason = refused.length === 0 ? undefined : refused.length === 1 ? refused[0]?.reason : `${refused.length} alarms not acknowledged (see refused)`;
      return {
        reply: { accepted: refused.length === 0, ...(reason !== undefined ? { reason } : {}), alarms: transitions.map((t) => t.alarm), refused },
        transitions,
      };
    }
    case 'shelve':
      if (scope.outOfService) return refusal(`${scope.deviceId} is out of service; it raises no alarm to shelve`);
      return one(action.alarmId, { type: 'shelve', by, reason: action.reason, until: action.durationMs === undefined ? null : now + action.durationMs, now });
    case 'unshelve':
      return one(action.alarmId, { type: 'unshelve', by, now, ...(action.reason !== undefined ? { reason: action.reason } : {}) });
    case 'out-of-service': {
      if (scope.outOfService) {
        const { by: who, at } = scope.outOfService;
        return refusal(`${scope.deviceId} is already out of service (by ${who} at ${new Date(at).toISOString()})`);
      }
      const set: OutOfService = { deviceId: scope.deviceId, by, at: now, reason: action.reason };
      const reason = `out of service: ${action.reason}`;
      const transitions = scope.alarms.map((alarm) => transitionAlarm(alarm, { type: 'remove', by, reason, now })).filter((t): t is AcceptedTransition => t.ok);
      return { reply: { accepted: true, alarms: transitions.map((t) => t.alarm), refused: [], outOfService: set }, transitions, service: { set } };
    }
    case 'in-service':
      if (!scope.outOfService) return refusal(`${scope.deviceId} is not out of service`);
      return { reply: { accepted: true, alarms: [], refused: [], outOfService: null }, transitions: [], service: { clear: scope.outOfService } };
  }
}
