import { ErrorReplySchema, type AckResult } from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import { parseJsonBytes } from '../common/validation';

/**
 * Ack error when the controller does not answer in time (or no controller is subscribed); after
 * retries it is followed by `: ` and what was tried.
 */
export const CONTROLLER_UNAVAILABLE = 'controller unavailable';

/** How a request to the controller ended, before it becomes an ack. */
export type ControllerOutcome<T> =
  | { kind: 'reply'; value: T }
  | { kind: 'error'; error: string }
  | { kind: 'unavailable'; cause: unknown; detail?: string }
  | { kind: 'invalid' };

/**
 * One request/reply to the controller. The reply is untrusted: it must match `schema`, or the
 * contract's error reply. Never rejects.
 */
export async function requestController<S extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  body: unknown,
  schema: S,
  timeoutMs: number,
): Promise<ControllerOutcome<z.infer<S>>> {
  let data: Uint8Array;
  try {
    data = (await nc.request(subject, JSON.stringify(body), { timeout: timeoutMs })).data;
  } catch (cause) {
    return { kind: 'unavailable', cause };
  }
  const json = parseJsonBytes(data);
  if (!json.ok) return { kind: 'invalid' };
  const reply = schema.safeParse(json.value);
  if (reply.success) return { kind: 'reply', value: reply.data };
  const errorReply = ErrorReplySchema.safeParse(json.value);
  return errorReply.success ? { kind: 'error', error: errorReply.data.error } : { kind: 'invalid' };
}

/** The ack for an outcome whose reply needs no further shaping. */
export function toAck<T>(outcome: ControllerOutcome<T>): AckResult<T> {
  switch (outcome.kind) {
    case 'reply':
      return { data: outcome.value };
    case 'error':
      return { error: outcome.error };
    case 'unavailable':
      return { error: outcome.detail === undefined ? CONTROLLER_UNAVAILABLE : `${CONTROLLER_UNAVAILABLE}: ${outcome.detail}` };
    case 'invalid':
      return { error: 'controller sent an invalid reply' };
  }
}
