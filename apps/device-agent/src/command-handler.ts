import { parseDeviceCommand, type DeviceCommandReply, type DeviceKindSpec } from '@fleet/contracts/wire';
import type { RequestLink } from './device-link';
import { formatCommand } from './drivers/driver';

export interface CommandDeps {
  readonly spec: DeviceKindSpec;
  readonly link: RequestLink;
  /** Seq of the last status published. */
  readonly lastSeq: () => number;
}

/** The outcome of one command request; `invalid` marks bad input (to count and log). */
export interface CommandOutcome {
  readonly reply: DeviceCommandReply;
  readonly invalid: boolean;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Handles one `fleet.v1.device.<id>.cmd` request: validates it, checks it against the kind's
 * whitelist, sends it to the device ahead of polls and maps the device's reply. Never throws.
 */
export async function handleCommand(payload: string, deps: CommandDeps): Promise<CommandOutcome> {
  const fail = (error: string, invalid: boolean): CommandOutcome => ({
    reply: { ok: false, error: error.slice(0, 500), seq: deps.lastSeq() },
    invalid,
  });
  const parsed = parseDeviceCommand(parseJson(payload));
  if (!parsed.success) return fail(`invalid request: ${parsed.issues.join('; ')}`, true);
  const formatted = formatCommand(deps.spec, parsed.data.command, parsed.data.args);
  if (!formatted.ok) return fail(formatted.error, true);

  const result = await deps.link.request(formatted.line, 'command');
  if (!result.ok) return fail(result.error, false);
  const line = result.line;
  if (line === 'ok') return { reply: { ok: true, reply: line, seq: deps.lastSeq() }, invalid: false };
  if (line.startsWith('error ')) return fail(line.slice('error '.length), false);
  // An empty line is the camera's "unknown command" answer (it closes the connection next).
  if (line === '') return fail('device rejected the command', false);
  deps.link.fail(`protocol error: unexpected reply to ${parsed.data.command}`);
  return fail(`unexpected reply from device: ${JSON.stringify(line.slice(0, 100))}`, false);
}
