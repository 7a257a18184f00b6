import { ControlCommandReplySchema, commandOutcomeOf, type ControlCommandReply } from '@fleet/contracts';

/** What the operator sees after sending a command. */
export type CommandOutcome =
  | { readonly kind: 'accepted'; readonly reply: ControlCommandReply }
  | { readonly kind: 'refused'; readonly reason: string; readonly reply: ControlCommandReply }
  /** Sent, but whether the device ran it is unknown: the operator checks the device before acting again. */
  | { readonly kind: 'in-doubt'; readonly reason: string; readonly reply: ControlCommandReply }
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
  const outcome = commandOutcomeOf(reply);
  if (outcome === 'accepted') return { kind: 'accepted', reply };
  if (outcome === 'in-doubt') return { kind: 'in-doubt', reason: reply.reason ?? `sent; outcome unknown: check the device's state (now ${reply.state})`, reply };
  return { kind: 'refused', reason: reply.reason ?? `refused; the device is ${reply.state}`, reply };
}
