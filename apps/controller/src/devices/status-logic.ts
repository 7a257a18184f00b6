import {
  CommonState,
  MachineEvent,
  type DeviceKindSpec,
  type DeviceState,
  type DeviceStatus,
  type PresenceBirth,
  type PresenceGoodbye,
} from '@fleet/contracts';
import { NO_FENCE, RECONCILE_AFTER_OFFLINE, type Decision, type DecisionContext, type DeviceRecord, type Effect } from './device-record';
import { announce, feed } from './transition';

/** A device seen for the first time (presence birth or first status): Offline until status says otherwise. */
export function newRecord(deviceId: string, kind: DeviceState['kind'], statusHz: number, now: number): DeviceRecord {
  return {
    state: {
      deviceId,
      kind,
      state: CommonState.Offline,
      since: now,
      reason: 'discovered',
      hwState: null,
      link: null,
      statusHz,
      step: null,
      lastSeen: null,
    },
    lastFed: undefined,
    refeed: true,
    fenceSeq: NO_FENCE,
  };
}

/** The machine input a status sample stands for, or `undefined` when it carries none. */
export function statusInput(status: DeviceStatus): string | undefined {
  if (status.link === 'down') return MachineEvent.linkDown;
  return status.hwState === null ? undefined : MachineEvent.hardware(status.hwState);
}

function statusReason(status: DeviceStatus): string {
  if (status.link === 'down') return `link down: ${status.linkReason ?? 'no reason given'}`;
  return `hardware reports ${status.hwState ?? 'nothing'}`;
}

/**
 * Hot path, once per status message: always refreshes lastSeen and the readings the state
 * carries; runs the machine only when the input changed since the last one fed, or the device
 * (re)entered a state for another reason. Hardware inputs from samples at or before the command
 * fence are stale and skipped; a link-down is a present fact and never fenced.
 */
export function onStatus(spec: DeviceKindSpec, record: DeviceRecord, status: DeviceStatus, ctx: DecisionContext): Decision {
  const state: DeviceState = {
    ...record.state,
    lastSeen: ctx.now,
    hwState: status.hwState,
    link: status.link,
    linkReason: status.linkReason,
  };
  const refreshed: DeviceRecord = { ...record, state };
  const input = statusInput(status);
  if (input === undefined) return { record: refreshed, effects: [] };
  const changed = input !== record.lastFed || record.refeed;
  if (!changed) return { record: refreshed, effects: [] };
  if (input !== MachineEvent.linkDown && status.seq <= record.fenceSeq) return { record: refreshed, effects: [] };
  // Reconciliation is about what the hardware reports; a link still down has nothing to reconcile with yet.
  const reconciling = record.reconcile !== undefined && input !== MachineEvent.linkDown;
  const why = reconciling ? `reconciled ${record.reconcile}: ${statusReason(status)}` : statusReason(status);
  const decision = feed(spec, refreshed, input, why, 'status', ctx);
  const reconcile = reconciling ? undefined : record.reconcile;
  return { record: { ...decision.record, lastFed: input, refeed: false, reconcile }, effects: decision.effects };
}

/**
 * Presence birth: the agent (re)started, so its seq restarts and the fence no longer applies;
 * the next sample is fed whatever it says. A new device is announced as Offline.
 */
export function onBirth(record: DeviceRecord | undefined, birth: PresenceBirth, now: number): Decision {
  if (!record || record.state.kind !== birth.kind) {
    // A different kind under a known id is a replaced device: start it afresh.
    const created = newRecord(birth.deviceId, birth.kind, birth.statusHz, now);
    const cancel: Effect[] = record?.state.step ? [{ type: 'cancelTimer', deviceId: birth.deviceId }] : [];
    return { record: created, effects: [...cancel, ...announce(created.state)] };
  }
  return {
    record: { ...record, state: { ...record.state, statusHz: birth.statusHz }, fenceSeq: NO_FENCE, refeed: true },
    effects: [],
  };
}

/** Presence goodbye: the agent stopped cleanly, so the device is Offline now rather than after the timeout. */
export function onGoodbye(spec: DeviceKindSpec, record: DeviceRecord, goodbye: PresenceGoodbye, ctx: DecisionContext): Decision {
  const reason = `agent said goodbye${goodbye.reason ? `: ${goodbye.reason}` : ''}`;
  return goOffline(spec, record, reason, ctx);
}

/** How long a device may stay silent before it is Offline. */
export function silenceLimitMs(statusHz: number, offlinePeriods: number): number {
  return (offlinePeriods * 1000) / statusHz;
}

/**
 * What the controller itself could hear while judging silence: `since`, when the transport began
 * hearing again (the broker was away before); `upTo`, up to when every received status has been
 * handled (later ones may still be queued).
 */
export interface Hearing {
  readonly since?: number;
  readonly upTo?: number;
}

/**
 * Offline sweep for one device: Offline once no status arrived for `offlinePeriods` periods of
 * its announced rate. Devices already Offline or never seen are left alone, which keeps the
 * sweep free of machine runs in the steady state.
 */
export function onSweep(spec: DeviceKindSpec, record: DeviceRecord, offlinePeriods: number, ctx: DecisionContext, hearing: Hearing = {}): Decision {
  const { lastSeen, state, statusHz } = record.state;
  if (state === CommonState.Offline || lastSeen === null) return { record, effects: [] };
  // Silence while the controller itself could not hear (broker away, status still queued) says nothing about the device.
  const silentMs = Math.min(ctx.now, hearing.upTo ?? ctx.now) - Math.max(lastSeen, hearing.since ?? 0);
  const limit = silenceLimitMs(statusHz, offlinePeriods);
  if (silentMs <= limit) return { record, effects: [] };
  const reason = `no status for ${silentMs} ms (limit ${Math.round(limit)} ms: ${offlinePeriods} periods at ${statusHz} Hz)`;
  return goOffline(spec, record, reason, ctx);
}

/** Moves a device to Offline; the first sample after it is reconciled with the hardware. */
function goOffline(spec: DeviceKindSpec, record: DeviceRecord, reason: string, ctx: DecisionContext): Decision {
  const decision = feed(spec, record, MachineEvent.offline, reason, 'other', ctx);
  if (decision.record === record) return decision;
  return { record: { ...decision.record, reconcile: RECONCILE_AFTER_OFFLINE }, effects: decision.effects };
}
