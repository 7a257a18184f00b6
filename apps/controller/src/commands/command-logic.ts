import {
  refusalReason,
  type CommandEvent,
  type CommandSpec,
  type ControlCommand,
  type ControlCommandReply,
  type DeviceCommandReply,
  type DeviceKindSpec,
} from '@fleet/contracts';
import type { CommandPlan, DecisionContext, DeviceRecord, Effect } from '../devices/device-record';
import { feed } from '../devices/transition';
import { INVALID_AGENT_REPLY_REASON } from './commands.constants';

/** State reported in the reply to a command for a device the controller has never seen. */
export const UNKNOWN_DEVICE_STATE = 'Unknown';
/** Reason given when the agent did not answer within the agent timeout. */
export const AGENT_UNREACHABLE_REASON = 'agent unreachable';

/** What the agent did with a hardware command: its parsed reply, or no usable reply at all. */
export type AgentResult =
  | { readonly type: 'reply'; readonly reply: DeviceCommandReply }
  | { readonly type: 'unreachable' }
  | { readonly type: 'invalid'; readonly detail: string };

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

function commandEvent(cmd: ControlCommand, accepted: boolean, reason: string | undefined, ctx: DecisionContext): CommandEvent {
  return {
    type: 'command',
    id: ctx.newId(),
    ts: ctx.now,
    deviceId: cmd.deviceId,
    requestId: cmd.requestId,
    command: cmd.command,
    ...(cmd.args ? { args: cmd.args } : {}),
    accepted,
    ...(reason !== undefined ? { reason } : {}),
    ...(cmd.user ? { user: cmd.user } : {}),
  };
}

/** A refused command: state unchanged, a CommandEvent records the refusal. */
export function refuse(record: DeviceRecord | undefined, cmd: ControlCommand, reason: string, ctx: DecisionContext): CommandOutcome {
  return {
    reply: { requestId: cmd.requestId, accepted: false, reason, state: record?.state.state ?? UNKNOWN_DEVICE_STATE },
    record,
    effects: [{ type: 'publishEvent', event: commandEvent(cmd, false, reason, ctx) }],
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
  if (result.type === 'unreachable') return refuse(record, cmd, AGENT_UNREACHABLE_REASON, ctx);
  if (result.type === 'invalid') return refuse(record, cmd, `${INVALID_AGENT_REPLY_REASON}: ${result.detail}`, ctx);
  if (!result.reply.ok) return refuse(record, cmd, `device error: ${result.reply.error}`, ctx);
  const by = cmd.user ? ` by ${cmd.user}` : '';
  const decision = feed(spec, record, cmd.command, `command ${cmd.command}${by}`, 'other', ctx);
  const next: DeviceRecord = { ...decision.record, fenceSeq: result.reply.seq };
  return {
    reply: { requestId: cmd.requestId, accepted: true, state: next.state.state },
    record: next,
    effects: [{ type: 'publishEvent', event: commandEvent(cmd, true, undefined, ctx) }, ...decision.effects],
  };
}
