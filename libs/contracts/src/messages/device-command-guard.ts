import type { DeviceCommand, DeviceCommandQuery } from './device-command';

/** Hardware command words and arguments: plain tokens, no spaces or line breaks. */
export const HARDWARE_TOKEN_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** Most arguments one hardware command carries. */
export const MAX_COMMAND_ARGS = 8;

/** Longest request id (see `RequestIdSchema`). */
const MAX_REQUEST_ID = 128;

/** Outcome of {@link parseDeviceCommand}: the command, or readable issues. */
export type DeviceCommandParse = { success: true; data: DeviceCommand } | { success: false; issues: string[] };

/** Outcome of {@link parseDeviceCommandQuery}: the query, or readable issues. */
export type DeviceCommandQueryParse = { success: true; data: DeviceCommandQuery } | { success: false; issues: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isRequestId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= MAX_REQUEST_ID;
}

function isToken(value: unknown): value is string {
  return typeof value === 'string' && HARDWARE_TOKEN_PATTERN.test(value);
}

/**
 * Validates a `fleet.v1.device.<id>.cmd` request exactly as `DeviceCommandSchema` does, without
 * zod: the device agent must stay within its memory budget, and zod alone costs it about 5 MB.
 * A spec checks that both accept and reject the same inputs.
 */
export function parseDeviceCommand(value: unknown): DeviceCommandParse {
  if (!isRecord(value)) return { success: false, issues: ['request: expected an object'] };
  const issues: string[] = [];
  const { requestId, command, args = [] } = value;
  if (!isRequestId(requestId)) {
    issues.push(`requestId: expected a string of 1 to ${MAX_REQUEST_ID} characters`);
  }
  if (!isToken(command)) issues.push('command: hardware tokens are [A-Za-z0-9_.-]{1,64}');
  const parsedArgs: Array<string | number> = [];
  if (!Array.isArray(args) || args.length > MAX_COMMAND_ARGS) {
    issues.push(`args: expected an array of at most ${MAX_COMMAND_ARGS} items`);
  } else {
    for (const [i, arg] of args.entries()) {
      if (isToken(arg) || (typeof arg === 'number' && Number.isFinite(arg))) parsedArgs.push(arg);
      else issues.push(`args.${i}: expected a hardware token or a finite number`);
    }
  }
  if (issues.length > 0 || typeof requestId !== 'string' || typeof command !== 'string') {
    return { success: false, issues };
  }
  return { success: true, data: { requestId, command, args: parsedArgs } };
}

/** True when a `cmd` request is a query (it has a `query` field) rather than a command. */
export function isDeviceCommandQuery(value: unknown): boolean {
  return isRecord(value) && 'query' in value;
}

/** Validates a {@link DeviceCommandQuery} exactly as `DeviceCommandQuerySchema` does, without zod. */
export function parseDeviceCommandQuery(value: unknown): DeviceCommandQueryParse {
  if (!isRecord(value)) return { success: false, issues: ['request: expected an object'] };
  const issues: string[] = [];
  const { requestId, query } = value;
  if (!isRequestId(requestId)) issues.push(`requestId: expected a string of 1 to ${MAX_REQUEST_ID} characters`);
  if (query !== 'outcome') issues.push('query: expected "outcome"');
  if (issues.length > 0 || typeof requestId !== 'string') return { success: false, issues };
  return { success: true, data: { requestId, query: 'outcome' } };
}
