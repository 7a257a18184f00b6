import type { DeviceKindSpec } from '@fleet/contracts/wire';
import type { RequestLink } from '../device-link';

/** Readings by key; `null` when unknown. */
export type Readings = Record<string, number | null>;

/** One successful poll. */
export interface PollResult {
  readonly hwState: string;
  readonly readings: Readings;
}

/** How the agent talks to one kind of device. */
export interface DeviceDriver {
  readonly spec: DeviceKindSpec;
  /**
   * Reads state and readings. Resolves `null` when the poll failed; the link is then already
   * down (a failed request or an unexpected reply marks it down).
   */
  poll(link: RequestLink): Promise<PollResult | null>;
}

/** Readings of a kind with every value unknown. */
export function unknownReadings(spec: DeviceKindSpec): Readings {
  return Object.fromEntries(spec.readings.map((r) => [r.key, null]));
}

/** The hardware command words a kind accepts from the controller (its `commands[...].hardware`). */
export function hardwareWhitelist(spec: DeviceKindSpec): ReadonlySet<string> {
  return new Set(Object.values(spec.commands).map((c) => c.hardware));
}

export type FormattedCommand = { ok: true; line: string } | { ok: false; error: string };

/**
 * Checks a hardware command against the kind's whitelist and argument specs and formats the line
 * to send. Arguments must be numbers (or numeric strings) within the spec's min/max.
 */
export function formatCommand(spec: DeviceKindSpec, command: string, args: ReadonlyArray<string | number>): FormattedCommand {
  const specs = Object.values(spec.commands).filter((c) => c.hardware === command);
  const first = specs[0];
  if (!first) return { ok: false, error: `unknown command "${command}" for ${spec.kind}` };
  const argSpecs = first.args ?? [];
  if (args.length !== argSpecs.length) {
    return { ok: false, error: `${command} takes ${argSpecs.length} argument(s), got ${args.length}` };
  }
  const values: number[] = [];
  for (const [i, argSpec] of argSpecs.entries()) {
    const raw = args[i];
    const value = typeof raw === 'number' ? raw : Number(raw);
    if (raw === '' || !Number.isFinite(value)) return { ok: false, error: `${argSpec.name} must be a number` };
    if ((argSpec.min !== undefined && value < argSpec.min) || (argSpec.max !== undefined && value > argSpec.max)) {
      return { ok: false, error: `${argSpec.name} must be within [${argSpec.min ?? '-inf'}, ${argSpec.max ?? 'inf'}]` };
    }
    values.push(value);
  }
  return { ok: true, line: [command, ...values.map(String)].join(' ') };
}

/** Sends one poll request; on an unexpected reply marks the link down and returns null. */
export async function ask(link: RequestLink, line: string, accept: (reply: string) => boolean): Promise<string | null> {
  const result = await link.request(line, 'poll');
  if (!result.ok) return null;
  if (!accept(result.line)) {
    link.fail(`protocol error: unexpected reply to ${line}: ${JSON.stringify(result.line.slice(0, 40))}`);
    return null;
  }
  return result.line;
}

/** A decimal number as devices print it. */
export function isDecimal(text: string): boolean {
  return /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text);
}
