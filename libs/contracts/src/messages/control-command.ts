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

/**
 * How a command ended:
 * - `accepted`: the hardware ran it;
 * - `refused`: it did not run and will not (not allowed in this state, bad arguments, the
 *   device said no, or nothing was delivered to the agent);
 * - `in-doubt`: the hardware request was sent but its answer was lost (a broker node or a
 *   controller replica died mid-call), so it may or may not have run. Check the device's state;
 *   a retry with the same requestId asks the agent what happened and never runs it twice.
 */
export const CommandOutcomeSchema = z.enum(['accepted', 'refused', 'in-doubt']);
export type CommandOutcome = z.infer<typeof CommandOutcomeSchema>;

/**
 * Reply to `fleet.v1.control.command`. `accepted` is true only for the `accepted` outcome, so a
 * client that reads only `accepted` and `reason` never takes an in-doubt command as run; the
 * reason of an in-doubt reply says so in words.
 */
export const ControlCommandReplySchema = z.object({
  requestId: RequestIdSchema,
  accepted: z.boolean(),
  /** Always set by current controllers; absent in replies stored by older ones (see {@link commandOutcomeOf}). */
  outcome: CommandOutcomeSchema.optional(),
  /** Why it was refused, or why the outcome is in doubt, in words an operator can read. */
  reason: z.string().max(500).optional(),
  /** The device's state after handling the command (for an in-doubt one: the state to check). */
  state: z.string().max(64),
});
export type ControlCommandReply = z.infer<typeof ControlCommandReplySchema>;

/** The outcome of a reply or command event, also for those without the `outcome` field. */
export function commandOutcomeOf(reply: { readonly accepted: boolean; readonly outcome?: CommandOutcome | undefined }): CommandOutcome {
  return reply.outcome ?? (reply.accepted ? 'accepted' : 'refused');
}

/** Error reply for requests the controller could not even parse. */
export const ErrorReplySchema = z.object({ error: z.string().max(1000) });
export type ErrorReply = z.infer<typeof ErrorReplySchema>;
