import {
  isDeviceCommandQuery,
  parseDeviceCommand,
  parseDeviceCommandQuery,
  type DeviceCommand,
  type DeviceCommandOutcome,
  type DeviceCommandReply,
  type DeviceKindSpec,
} from '@fleet/contracts/wire';
import type { RequestLink } from './device-link';
import { formatCommand } from './drivers/driver';
import type { RequestMemory } from './request-memory';

export interface CommandDeps {
  readonly spec: DeviceKindSpec;
  readonly link: RequestLink;
  /** Seq of the last status published. */
  readonly lastSeq: () => number;
  /** This device's recent request ids: a resend never runs twice, and a query says what became of one. */
  readonly memory: RequestMemory;
}

/** The outcome of one `cmd` request (a command or a query); `invalid` marks bad input (to count and log). */
export interface CommandOutcome {
  readonly reply: DeviceCommandReply | DeviceCommandOutcome;
  readonly invalid: boolean;
  /** What was wrong with an invalid request. */
  readonly error?: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const refusal = (deps: CommandDeps, error: string): DeviceCommandReply & { ok: false } => ({ ok: false, error: error.slice(0, 500), seq: deps.lastSeq() });

/**
 * Handles one `fleet.v1.device.<id>.cmd` request. A command is validated, checked against the
 * kind's whitelist and sent to the device ahead of polls, once per requestId: a resend gets the
 * first reply. A query answers what became of a requestId and runs nothing. Never throws.
 */
export async function handleCommand(payload: string, deps: CommandDeps): Promise<CommandOutcome> {
  const invalid = (error: string): CommandOutcome => ({ reply: refusal(deps, error), invalid: true, error });
  const body = parseJson(payload);
  if (isDeviceCommandQuery(body)) {
    const query = parseDeviceCommandQuery(body);
    if (!query.success) return invalid(`invalid query: ${query.issues.join('; ')}`);
    return { reply: deps.memory.query(query.data.requestId), invalid: false };
  }
  const parsed = parseDeviceCommand(body);
  if (!parsed.success) return invalid(`invalid request: ${parsed.issues.join('; ')}`);
  const formatted = formatCommand(deps.spec, parsed.data.command, parsed.data.args);
  if (!formatted.ok) return invalid(formatted.error);
  const line = formatted.line;
  const reply = await deps.memory.run(parsed.data.requestId, () => execute(line, parsed.data, deps), (error) => refusal(deps, error));
  return { reply, invalid: false };
}

/** Sends one hardware line and maps the device's answer. */
async function execute(line: string, command: DeviceCommand, deps: CommandDeps): Promise<DeviceCommandReply> {
  const result = await deps.link.request(line, 'command');
  // Written but unanswered: the device may have acted, so this is no refusal.
  if (!result.ok && result.sent) return { ...refusal(deps, result.error), inDoubt: true };
  if (!result.ok) return refusal(deps, result.error);
  const answer = result.line;
  if (answer === 'ok') return { ok: true, reply: answer, seq: deps.lastSeq() };
  if (answer.startsWith('error ')) return refusal(deps, answer.slice('error '.length));
  // An empty line is the camera's "unknown command" answer (it closes the connection next).
  if (answer === '') return refusal(deps, 'device rejected the command');
  deps.link.fail(`protocol error: unexpected reply to ${command.command}`);
  return refusal(deps, `unexpected reply from device: ${JSON.stringify(answer.slice(0, 100))}`);
}
