import type { Msg } from '@nats-io/transport-node';

/**
 * Nest's incoming packet. `id` is present only for requests: ServerNats routes a packet without
 * an id to the event handlers and one with an id to the message handlers, replying on `reply`.
 */
export interface IncomingPacket {
  pattern: string;
  data: unknown;
  id?: string;
}

/** What ServerNats passes to the serializer when replying: a handler result, an error, or completion. */
export interface OutgoingPacket {
  id?: string;
  response?: unknown;
  err?: unknown;
  status?: string;
  isDisposed?: boolean;
}

/** Parses JSON text; anything that is not JSON is passed on as the raw text for the handler's schema to reject. */
export function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Deserializer for the NATS transport: plain JSON on the wire, no Nest envelope. The pattern is
 * the subscription (`channel`, which may be a wildcard) so Nest finds the handler; the concrete
 * subject stays available through `NatsContext.getSubject()`.
 */
export class PlainJsonDeserializer {
  deserialize(msg: Pick<Msg, 'subject' | 'reply' | 'string'>, options?: { channel?: string; replyTo?: string }): IncomingPacket {
    const packet: IncomingPacket = { pattern: options?.channel ?? msg.subject, data: parseJsonOrText(msg.string()) };
    // Request/reply is decided by the presence of a reply subject; the inbox is unique per request.
    if (msg.reply) packet.id = msg.reply;
    return packet;
  }
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return 'internal error';
}

/**
 * Serializer for replies: sends only the handler's reply body as JSON. A handler failure becomes
 * `{ error }` (ErrorReply), never Nest's `{ err, status, id }` envelope.
 */
export class PlainJsonSerializer {
  serialize(packet: OutgoingPacket): { data: string } {
    if (packet.err !== undefined) return { data: JSON.stringify({ error: errorText(packet.err) }) };
    return { data: JSON.stringify(packet.response ?? null) };
  }
}
