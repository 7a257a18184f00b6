import { z } from 'zod';
import { RequestIdSchema } from '../device-id';
import { HARDWARE_TOKEN_PATTERN, MAX_COMMAND_ARGS } from './device-command-guard';

/** Hardware command words and arguments: plain tokens, no spaces or line breaks. */
const HardwareTokenSchema = z.string().regex(HARDWARE_TOKEN_PATTERN, 'hardware tokens are [A-Za-z0-9_.-]{1,64}');

/** `fleet.v1.device.<id>.cmd` request (controller -> agent): one hardware command. */
export const DeviceCommandSchema = z.object({
  requestId: RequestIdSchema,
  command: HardwareTokenSchema,
  args: z.array(z.union([HardwareTokenSchema, z.number().finite()])).max(MAX_COMMAND_ARGS).default([]),
});
export type DeviceCommand = z.infer<typeof DeviceCommandSchema>;
export type DeviceCommandInput = z.input<typeof DeviceCommandSchema>;

/**
 * Reply from the agent. `seq` is the last status seq the agent published before the command
 * completed: later status messages (seq > this) reflect the command's effect. A failure with
 * `inDoubt: true` came after the line was written to the device (it timed out or the link dropped
 * while the device had it), so the device may have acted on it.
 */
export const DeviceCommandReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reply: z.string().max(200), seq: z.number().int().nonnegative() }),
  z.object({
    ok: z.literal(false),
    error: z.string().max(500),
    seq: z.number().int().nonnegative(),
    inDoubt: z.literal(true).optional(),
  }),
]);
export type DeviceCommandReply = z.infer<typeof DeviceCommandReplySchema>;

/**
 * `fleet.v1.device.<id>.cmd` query (controller -> agent): "what became of `requestId`?". Sent on
 * the command subject, so an agent needs no other permission; it never runs anything. Told apart
 * from a command by its `query` field.
 */
export const DeviceCommandQuerySchema = z.object({
  requestId: RequestIdSchema,
  query: z.literal('outcome'),
});
export type DeviceCommandQuery = z.infer<typeof DeviceCommandQuerySchema>;

/**
 * The agent's answer to a {@link DeviceCommandQuery}:
 * - `done`: it received the command and this was its reply (a resend gets the same reply);
 * - `running`: the device has not answered yet; ask again;
 * - `not-received`: no such request since `memoryFrom` (ms since epoch: when the agent's memory
 *   of request ids begins, its start or its oldest forgotten entry). The agent now refuses the
 *   request should it still arrive, so it will never run. Conclusive only when the command was
 *   sent after `memoryFrom`.
 */
export const DeviceCommandOutcomeSchema = z.discriminatedUnion('status', [
  z.object({ requestId: RequestIdSchema, status: z.literal('done'), reply: DeviceCommandReplySchema }),
  z.object({ requestId: RequestIdSchema, status: z.literal('running') }),
  z.object({ requestId: RequestIdSchema, status: z.literal('not-received'), memoryFrom: z.number().int().nonnegative() }),
]);
export type DeviceCommandOutcome = z.infer<typeof DeviceCommandOutcomeSchema>;
