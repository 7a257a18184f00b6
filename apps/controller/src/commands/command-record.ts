import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ControlCommandReplySchema, DeviceIdSchema, RequestIdSchema, TimestampSchema } from '@fleet/contracts';

const unresolved = {
  requestId: RequestIdSchema,
  deviceId: DeviceIdSchema,
  command: z.string().max(64),
  /** When the record was claimed, just before the hardware request was sent (ms since epoch). */
  at: TimestampSchema,
};

/**
 * What bucket `fleet_commands` holds per requestId: `pending`, claimed atomically (KV create) just
 * before the hardware is asked, then `done` with the reply once the outcome is known, or
 * `in-doubt` when the request was sent but its outcome is unknown. A `pending` record found by
 * anyone but its claimer (a controller stopped or lost the device mid-command) and an `in-doubt`
 * one are resolved by asking the agent, never by running the command again.
 */
export const CommandRecordSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('pending'), ...unresolved }),
  z.object({ status: z.literal('in-doubt'), ...unresolved }),
  z.object({ status: z.literal('done'), requestId: RequestIdSchema, reply: ControlCommandReplySchema }),
]);
export type CommandRecord = z.infer<typeof CommandRecordSchema>;

/** In-doubt detail for a command found `pending`: its controller stopped or lost the device before the agent answered. */
export const INTERRUPTED_DETAIL = 'interrupted: the controller handling it stopped or lost the device before the agent answered';

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
