import { z } from 'zod';
import { DeviceIdSchema, TimestampSchema } from '../device-id';
import { DeviceKindNameSchema } from '../kinds/kind-name-schema';

/** Sent by an agent at start-up and after every broker reconnect. */
export const PresenceBirthSchema = z.object({
  type: z.literal('birth'),
  deviceId: DeviceIdSchema,
  kind: DeviceKindNameSchema,
  statusHz: z.number().positive().max(100),
  version: z.string().max(64),
  pid: z.number().int().nonnegative(),
  host: z.string().max(255),
  ts: TimestampSchema,
});

/** Sent by an agent on clean shutdown. */
export const PresenceGoodbyeSchema = z.object({
  type: z.literal('goodbye'),
  deviceId: DeviceIdSchema,
  reason: z.string().max(200).optional(),
  ts: TimestampSchema,
});

/** `fleet.v1.device.<id>.presence`. */
export const PresenceSchema = z.discriminatedUnion('type', [PresenceBirthSchema, PresenceGoodbyeSchema]);
export type Presence = z.infer<typeof PresenceSchema>;
export type PresenceBirth = z.infer<typeof PresenceBirthSchema>;
export type PresenceGoodbye = z.infer<typeof PresenceGoodbyeSchema>;
