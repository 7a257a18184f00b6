import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ControlCommandReplySchema, DeviceIdSchema, RequestIdSchema, TimestampSchema } from '@fleet/contracts';

/**
 * What bucket `fleet_commands` holds per requestId: `pending` from just before the hardware is
 * asked until the reply is known, then `done` with the reply. A `pending` record found later
 * means a controller stopped mid-command, so the outcome is unknown and it must not run again.
 */
export const CommandRecordSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('pending'),
    requestId: RequestIdSchema,
    deviceId: DeviceIdSchema,
    command: z.string().max(64),
    at: TimestampSchema,
  }),
  z.object({ status: z.literal('done'), requestId: RequestIdSchema, reply: ControlCommandReplySchema }),
]);
export type CommandRecord = z.infer<typeof CommandRecordSchema>;

/** Reason given to a retry of a command that was in flight when a controller stopped. */
export const INTERRUPTED_REASON =
  'interrupted: the controller restarted before the agent answered; it was not repeated, check the device state';

/**
 * KV key of a requestId. Request ids may hold any printable character while KV keys allow only
 * `[-/_=.a-zA-Z0-9]`, so the key is the SHA-256 of the id in base64url (43 characters); the
 * record keeps the id itself, and a lookup checks it.
 */
export function commandKey(requestId: string): string {
  return createHash('sha256').update(requestId).digest('base64url');
}

/** The stored record of `requestId`, or `undefined` when there is none (or it is unreadable). */
export function parseCommandRecord(value: unknown, requestId: string): CommandRecord | undefined {
  const parsed = CommandRecordSchema.safeParse(value);
  return parsed.success && parsed.data.requestId === requestId ? parsed.data : undefined;
}
