import { ControlCommandReplySchema, type ControlCommandReply } from '@fleet/contracts';

/** What the operator sees after sending a command. */
export type CommandOutcome =
  | { readonly kind: 'accepted'; readonly reply: ControlCommandReply }
  | { readonly kind: 'refused'; readonly reason: string; readonly reply: ControlCommandReply }
  | { readonly kind: 'error'; readonly error: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns the gateway's ack (`{ data } | { error }`, untrusted until parsed) into an outcome. */
export function toCommandOutcome(ack: unknown): CommandOutcome {
  if (isRecord(ack) && typeof ack.error === 'string') return { kind: 'error', error: ack.error };
  const parsed = ControlCommandReplySchema.safeParse(isRecord(ack) ? ack.data : undefined);
  if (!parsed.success) return { kind: 'error', error: 'the gateway sent an unreadable answer' };
  const reply = parsed.data;
  if (reply.accepted) return { kind: 'accepted', reply };
  return { kind: 'refused', reason: reply.reason ?? `refused; the device is ${reply.state}`, reply };
}
