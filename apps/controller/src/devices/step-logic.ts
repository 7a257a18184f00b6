import { MachineEvent, type DeviceKindSpec, type DeviceState } from '@fleet/contracts';
import { NO_FENCE, RECONCILE_AFTER_RESTART, RECONCILE_AFTER_TAKEOVER, type Decision, type DecisionContext, type DeviceRecord } from './device-record';
import { feed } from './transition';

/** Reason given when a step's deadline passed while no controller was running. */
export const STEP_AFTER_RESTART_REASON = 'step completed after controller restart';
/** Reason given when a step's deadline passed while its partition changed hands. */
export const STEP_AFTER_TAKEOVER_REASON = 'step completed after partition takeover';

/** How a replica came to own a stored device: it (re)started, or took the partition from another replica. */
export type RestoreOrigin = 'restart' | 'takeover';

/**
 * A step timer fired. Completes the step only if the device is still in that step: a timer that
 * lost a race with a transition (offline, fault) must not move the device on.
 */
export function onStepDeadline(spec: DeviceKindSpec, record: DeviceRecord, stepName: string, ctx: DecisionContext): Decision {
  if (record.state.step?.name !== stepName) return { record, effects: [] };
  return feed(spec, record, MachineEvent.stepDone, `step ${stepName} completed`, 'other', ctx);
}

/**
 * A device loaded from KV when its partition became this replica's (at start-up or by takeover).
 * It keeps its stored state until status or the offline sweep says otherwise; lastSeen starts
 * now so it is not instantly Offline. A step in progress resumes with its stored deadline, or
 * completes at once if that deadline has passed.
 */
export function restore(spec: DeviceKindSpec, stored: DeviceState, ctx: DecisionContext, origin: RestoreOrigin = 'restart'): Decision {
  const record: DeviceRecord = {
    state: { ...stored, lastSeen: ctx.now },
    lastFed: undefined,
    refeed: true,
    fenceSeq: NO_FENCE,
    reconcile: origin === 'restart' ? RECONCILE_AFTER_RESTART : RECONCILE_AFTER_TAKEOVER,
  };
  const step = stored.step;
  if (!step) return { record, effects: [] };
  if (step.deadline <= ctx.now) {
    return feed(spec, record, MachineEvent.stepDone, origin === 'restart' ? STEP_AFTER_RESTART_REASON : STEP_AFTER_TAKEOVER_REASON, 'other', ctx);
  }
  return {
    record,
    effects: [{ type: 'startTimer', deviceId: stored.deviceId, step: step.name, deadline: step.deadline }],
  };
}
