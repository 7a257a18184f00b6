import { MachineEvent, type DeviceKindSpec, type DeviceState } from '@fleet/contracts';
import { NO_FENCE, RECONCILE_AFTER_RESTART, type Decision, type DecisionContext, type DeviceRecord } from './device-record';
import { feed } from './transition';

/** Reason given when a step's deadline passed while no controller was running. */
export const STEP_AFTER_RESTART_REASON = 'step completed after controller restart';

/**
 * A step timer fired. Completes the step only if the device is still in that step: a timer that
 * lost a race with a transition (offline, fault) must not move the device on.
 */
export function onStepDeadline(spec: DeviceKindSpec, record: DeviceRecord, stepName: string, ctx: DecisionContext): Decision {
  if (record.state.step?.name !== stepName) return { record, effects: [] };
  return feed(spec, record, MachineEvent.stepDone, `step ${stepName} completed`, 'other', ctx);
}

/**
 * A device loaded from KV at start-up. It keeps its stored state until status or the offline
 * sweep says otherwise; lastSeen starts now so it is not instantly Offline. A step in progress
 * resumes with its stored deadline, or completes at once if that deadline has passed.
 */
export function restore(spec: DeviceKindSpec, stored: DeviceState, ctx: DecisionContext): Decision {
  const record: DeviceRecord = {
    state: { ...stored, lastSeen: ctx.now },
    lastFed: undefined,
    refeed: true,
    fenceSeq: NO_FENCE,
    reconcile: RECONCILE_AFTER_RESTART,
  };
  const step = stored.step;
  if (!step) return { record, effects: [] };
  if (step.deadline <= ctx.now) return feed(spec, record, MachineEvent.stepDone, STEP_AFTER_RESTART_REASON, 'other', ctx);
  return {
    record,
    effects: [{ type: 'startTimer', deviceId: stored.deviceId, step: step.name, deadline: step.deadline }],
  };
}
