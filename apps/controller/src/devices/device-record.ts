import type { CommandEvent, DeviceCommand, DeviceState, TransitionEvent } from '@fleet/contracts';

/** Reconciliation notes (see `DeviceRecord.reconcile`). */
export const RECONCILE_AFTER_OFFLINE = 'after Offline';
export const RECONCILE_AFTER_RESTART = 'after controller restart';
export const RECONCILE_AFTER_TAKEOVER = 'after partition takeover';

/**
 * What the controller keeps per device: the public `DeviceState` plus the bookkeeping that lets
 * the status hot path skip machine runs when nothing changed.
 */
export interface DeviceRecord {
  readonly state: DeviceState;
  /** The last machine input fed from status (`hw.<x>` or `link.down`); `undefined` before any. */
  readonly lastFed: string | undefined;
  /**
   * True when the device entered its state for a reason other than status (command, step,
   * offline, restore, agent restart): the next usable sample is fed even if unchanged, so the
   * machine reconciles with the hardware.
   */
  readonly refeed: boolean;
  /** Status with `seq <= fenceSeq` predates the last accepted command; its hw state is ignored. */
  readonly fenceSeq: number;
  /**
   * Set when the device's state must be reconciled with the hardware (`after Offline`,
   * `after controller restart`); the next fed sample's event says so, then it is cleared.
   */
  readonly reconcile?: string | undefined;
}

/** A fence value that lets every sample through. */
export const NO_FENCE = -1;

/** Side effects a decision asks the services to perform, in order. */
export type Effect =
  | { readonly type: 'publishState'; readonly state: DeviceState }
  | { readonly type: 'persist'; readonly state: DeviceState }
  | { readonly type: 'publishEvent'; readonly event: TransitionEvent | CommandEvent }
  | { readonly type: 'startTimer'; readonly deviceId: string; readonly step: string; readonly deadline: number }
  | { readonly type: 'cancelTimer'; readonly deviceId: string };

/** A decision: the device's new record and what to do about it. */
export interface Decision {
  readonly record: DeviceRecord;
  readonly effects: readonly Effect[];
}

/** Inputs from the impure world that every decision may need. */
export interface DecisionContext {
  /** ms since epoch. */
  readonly now: number;
  /** Unique id for an event. */
  readonly newId: () => string;
  /** Overrides every timed step's duration when set. */
  readonly stepMs?: number | undefined;
}

/** Hardware command to send to the agent, or why not. */
export type CommandPlan =
  | { readonly outcome: 'send'; readonly request: DeviceCommand }
  | { readonly outcome: 'refused'; readonly reason: string };

/** A decision that changes nothing. */
export function unchanged(record: DeviceRecord): Decision {
  return { record, effects: [] };
}
