import {
  refusalReason,
  type CommandEvent,
  type CommandOutcome as ReplyOutcome,
  type CommandSpec,
  type ControlCommand,
  type ControlCommandReply,
  type DeviceCommandReply,
  type DeviceKindSpec,
} from '@fleet/contracts';
import type { CommandPlan, DecisionContext, DeviceRecord, Effect } from '../devices/device-record';
import { feed } from '../devices/transition';

/** State reported in the reply to a command for a device the controller has never seen. */
export const UNKNOWN_DEVICE_STATE = 'Unknown';
/** Reason given when no agent listened for the device: nothing was delivered, so nothing ran. */
export const AGENT_UNREACHABLE_REASON = 'agent unreachable: no agent is listening for this device; nothing was sent';
/** Reason given when the agent says it never received the request (and now never will run it). */
export const NOT_RECEIVED_REASON = 'not delivered: the agent never received it and will not run it';

/**
 * Reason given when the command store cannot be read: nothing is sent now, but an earlier attempt
 * with the same requestId may have run, so this is not a refusal either.
 */
export const STORE_UNAVAILABLE_REASON =
  "not sent: the command store is unavailable, so whether an earlier attempt with this requestId ran cannot be checked; check the device's state and retry with the same requestId later";

/** The reason of an in-doubt reply: what is known, what to check, and that a retry is safe. */
export function inDoubtReason(detail: string): string {
  const reason = `sent; outcome unknown: check the device's state (${detail}); a retry with the same requestId asks the agent again and never runs it twice`;
  return reason.length <= 500 ? reason : `${reason.slice(0, 497)}...`;
}

/**
 * What became of a hardware command: the agent's reply; `not-run` when it certainly did not run
 * (nothing was delivered, or the agent says it never received it); `in-doubt` when it was sent
 * and may have run but no usable answer came back.
 */
export type AgentResult =
  | { readonly type: 'reply'; readonly reply: DeviceCommandReply }
  | { readonly type: 'not-run'; readonly reason: string }
  | { readonly type: 'in-doubt'; readonly detail: string };

/** Outcome of a command: the reply to send, the device's new record (if known) and effects. */
export interface CommandOutcome {
  readonly reply: ControlCommandReply;
  readonly record: DeviceRecord | undefined;
  readonly effects: readonly Effect[];
}

/** Checks the operator's arguments against the command's arg specs; returns values in spec order. */
export function validateArgs(
  commandName: string,
  spec: CommandSpec,
  args: Readonly<Record<string, number>> | undefined,
): { ok: true; values: number[] } | { ok: false; reason: string } {
  const specs = spec.args ?? [];
  const given = args ?? {};
  const known = new Set(specs.map((a) => a.name));
  const extra = Object.keys(given).filter((name) => !known.has(name));
  if (extra.length > 0) {
    const takes = specs.length > 0 ? `takes ${[...known].join(', ')}` : 'takes no arguments';
    return { ok: false, reason: `${commandName} ${takes}; unexpected ${extra.join(', ')}` };
  }
  const values: number[] = [];
  for (const arg of specs) {
    const value = given[arg.name];
    const unit = arg.unit ? ` ${arg.unit}` : '';
    if (value === undefined) return { ok: false, reason: `${commandName} needs ${arg.name} (${arg.label}${unit})` };
    if (arg.min !== undefined && value < arg.min) return { ok: false, reason: `${arg.name} must be at least ${arg.min}${unit}` };
    if (arg.max !== undefined && value > arg.max) return { ok: false, reason: `${arg.name} must be at most ${arg.max}${unit}` };
    values.push(value);
  }
  return { ok: true, values };
}

/** Decides whether a command goes to the hardware, from the device's current record. */
export function planCommand(spec: DeviceKindSpec | undefined, record: DeviceRecord | undefined, cmd: ControlCommand): CommandPlan {
  if (!spec || !record) return { outcome: 'refused', reason: `unknown device ${cmd.deviceId}` };
  const refusal = refusalReason(spec, record.state.state, cmd.command);
  if (refusal !== undefined) return { outcome: 'refused', reason: refusal };
  const commandSpec = spec.commands[cmd.command];
  if (!commandSpec) return { outcome: 'refused', reason: `${spec.kind} has no command "${cmd.command}"` };
  const args = validateArgs(cmd.command, commandSpec, cmd.args);
  if (!args.ok) return { outcome: 'refused', reason: args.reason };
  return { outcome: 'send', request: { requestId: cmd.requestId, command: commandSpec.hardware, args: args.values } };
}

function commandEvent(cmd: ControlCommand, outcome: ReplyOutcome, reason: string | undefined, ctx: DecisionContext): CommandEvent {
  return {
    type: 'command',
    id: ctx.newId(),
    ts: ctx.now,
    deviceId: cmd.deviceId,
    requestId: cmd.requestId,
    command: cmd.command,
    ...(cmd.args ? { args: cmd.args } : {}),
    accepted: outcome === 'accepted',
    outcome,
    ...(reason !== undefined ? { reason } : {}),
    ...(cmd.user ? { user: cmd.user } : {}),
  };
}

/** A refused command: state unchanged, a CommandEvent records the refusal. */
export function refuse(record: DeviceRecord | undefined, cmd: ControlCommand, reason: string, ctx: DecisionContext): CommandOutcome {
  return {
    reply: { requestId: cmd.requestId, accepted: false, outcome: 'refused', reason, state: record?.state.state ?? UNKNOWN_DEVICE_STATE },
    record,
    effects: [{ type: 'publishEvent', event: commandEvent(cmd, 'refused', reason, ctx) }],
  };
}

/** A command that was sent but whose outcome is unknown: state unchanged, the reply and event say so. */
export function inDoubt(record: DeviceRecord | undefined, cmd: ControlCommand, detail: string, ctx: DecisionContext, reason = inDoubtReason(detail)): CommandOutcome {
  return {
    reply: { requestId: cmd.requestId, accepted: false, outcome: 'in-doubt', reason, state: record?.state.state ?? UNKNOWN_DEVICE_STATE },
    record,
    effects: [{ type: 'publishEvent', event: commandEvent(cmd, 'in-doubt', reason, ctx) }],
  };
}

/** The agent's failure reply: a refusal, unless the device had the line when its link failed. */
function deviceFailure(record: DeviceRecord | undefined, cmd: ControlCommand, reply: DeviceCommandReply & { ok: false }, ctx: DecisionContext): CommandOutcome {
  if (reply.inDoubt) return inDoubt(record, cmd, `the device did not answer: ${reply.error}`, ctx);
  return refuse(record, cmd, `device error: ${reply.error}`, ctx);
}

/**
 * Reports a command's outcome learnt from the agent after its first reply was lost. The machine
 * is not fed: other commands may have run since, and status already brought the state in line
 * with the hardware.
 */
export function reportResolved(record: DeviceRecord | undefined, cmd: ControlCommand, result: AgentResult, ctx: DecisionContext): CommandOutcome {
  if (result.type === 'not-run') return refuse(record, cmd, result.reason, ctx);
  if (result.type === 'in-doubt') return inDoubt(record, cmd, result.detail, ctx);
  if (!result.reply.ok) return deviceFailure(record, cmd, result.reply, ctx);
  return {
    reply: { requestId: cmd.requestId, accepted: true, outcome: 'accepted', state: record?.state.state ?? UNKNOWN_DEVICE_STATE },
    record,
    effects: [{ type: 'publishEvent', event: commandEvent(cmd, 'accepted', undefined, ctx) }],
  };
}

/**
 * Applies the agent's answer to a command that was sent. Success feeds the command to the
 * machine and fences off status samples polled before the hardware acted (seq <= reply.seq).
 */
export function applyAgentResult(
  spec: DeviceKindSpec,
  record: DeviceRecord,
  cmd: ControlCommand,
  result: AgentResult,
  ctx: DecisionContext,
): CommandOutcome {
  if (result.type !== 'reply') return reportResolved(record, cmd, result, ctx);
  if (!result.reply.ok) return deviceFailure(record, cmd, result.reply, ctx);
  const by = cmd.user ? ` by ${cmd.user}` : '';
  const decision = feed(spec, record, cmd.command, `command ${cmd.command}${by}`, 'other', ctx);
  const next: DeviceRecord = { ...decision.record, fenceSeq: result.reply.seq };
  return {
    reply: { requestId: cmd.requestId, accepted: true, outcome: 'accepted', state: next.state.state },
    record: next,
    effects: [{ type: 'publishEvent', event: commandEvent(cmd, 'accepted', undefined, ctx) }, ...decision.effects],
  };
}
