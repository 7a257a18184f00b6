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
 * completed: later status messages (seq > this) reflect the command's effect.
 */
export const DeviceCommandReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reply: z.string().max(200), seq: z.number().int().nonnegative() }),
  z.object({ ok: z.literal(false), error: z.string().max(500), seq: z.number().int().nonnegative() }),
]);
export type DeviceCommandReply = z.infer<typeof DeviceCommandReplySchema>;
