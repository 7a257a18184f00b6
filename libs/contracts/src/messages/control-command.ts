import { z } from 'zod';
import { DeviceIdSchema, RequestIdSchema, UserSchema } from '../device-id';

/** Operator command arguments by name (see the kind's `commands[...].args`). */
export const CommandArgsSchema = z.record(z.string().max(64), z.number().finite());
export type CommandArgs = z.infer<typeof CommandArgsSchema>;

/** `fleet.v1.control.command` request (any client -> controller). */
export const ControlCommandSchema = z.object({
  deviceId: DeviceIdSchema,
  command: z.string().min(1).max(64),
  args: CommandArgsSchema.optional(),
  /** Makes retries idempotent: a repeated requestId returns the first reply. */
  requestId: RequestIdSchema,
  /** Operator who sent it (set by the gateway from the token). */
  user: UserSchema.optional(),
});
export type ControlCommand = z.infer<typeof ControlCommandSchema>;

/** Reply to `fleet.v1.control.command`. */
export const ControlCommandReplySchema = z.object({
  requestId: RequestIdSchema,
  accepted: z.boolean(),
  /** Why it was refused, in words an operator can read. */
  reason: z.string().max(500).optional(),
  /** The device's state after handling the command. */
  state: z.string().max(64),
});
export type ControlCommandReply = z.infer<typeof ControlCommandReplySchema>;

/** Error reply for requests the controller could not even parse. */
export const ErrorReplySchema = z.object({ error: z.string().max(1000) });
export type ErrorReply = z.infer<typeof ErrorReplySchema>;
