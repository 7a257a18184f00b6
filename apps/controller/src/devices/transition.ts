import { nextState, timedStepOf, type DeviceKindSpec, type DeviceState } from '@fleet/contracts';
import type { Decision, DecisionContext, DeviceRecord, Effect } from './device-record';

/** Why a machine event is fed: status-driven inputs do not re-arm `refeed`. */
export type FeedCause = 'status' | 'other';

/** Effects announcing a state everyone must see: publish it and store it. */
export function announce(state: DeviceState): Effect[] {
  return [
    { type: 'publishState', state },
    { type: 'persist', state },
  ];
}

/**
 * Feeds one event to the device's machine. A real transition yields the new state (with the
 * timed step of the state entered, if any), the effects publish/persist/transition event and the
 * timer changes; an event the state ignores yields no effects.
 */
export function feed(
  spec: DeviceKindSpec,
  record: DeviceRecord,
  eventType: string,
  reason: string,
  cause: FeedCause,
  ctx: DecisionContext,
): Decision {
  const from = record.state.state;
  const to = nextState(spec, from, eventType);
  if (to === from) return { record, effects: [] };
  const effects: Effect[] = [];
  const deviceId = record.state.deviceId;
  if (record.state.step) effects.push({ type: 'cancelTimer', deviceId });
  const stepSpec = timedStepOf(spec, to);
  const step = stepSpec
    ? { name: stepSpec.name, startedAt: ctx.now, deadline: ctx.now + (ctx.stepMs ?? stepSpec.durationMs) }
    : null;
  const state: DeviceState = { ...record.state, state: to, since: ctx.now, reason, step };
  effects.push(...announce(state));
  effects.push({
    type: 'publishEvent',
    event: { type: 'transition', id: ctx.newId(), ts: ctx.now, deviceId, from, to, reason },
  });
  if (step) effects.push({ type: 'startTimer', deviceId, step: step.name, deadline: step.deadline });
  return { record: { ...record, state, refeed: cause === 'other' }, effects };
}
