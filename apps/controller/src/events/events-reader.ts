import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM, subjects, type EventsQuery } from '@fleet/contracts';
import { parseJsonOrText } from '../nats/json-codec';

/** How long one pass over the stream may wait for messages. */
const FETCH_EXPIRES_MS = 2000;
/** How much further back each pass looks when the previous one found too few matching events. */
const SPAN_GROWTH = 8;

/**
 * Reads the last `limit` events (oldest first) of one device or of all from stream FLEET_EVENTS,
 * with ordered consumers only (nats-server 2.9 has no multi-filter consumers or per-key TTL).
 * Events are read backwards in growing spans of sequence numbers, so a query costs about
 * `limit` messages, not the whole day of history. Values come back unparsed.
 */
export async function readLastEvents(nc: NatsConnection, query: EventsQuery): Promise<unknown[]> {
  const jsm = await jetstreamManager(nc);
  const { first_seq: first, last_seq: last, messages } = (await jsm.streams.info(EVENTS_STREAM)).state;
  if (messages === 0) return [];
  const subject = query.deviceId ? subjects.event(query.deviceId) : subjects.allEvents;
  let span = query.limit;
  for (;;) {
    const start = Math.max(first, last - span + 1);
    const found = await readRange(nc, subject, start, last);
    if (found.length >= query.limit || start <= first) return found.slice(-query.limit);
    span *= SPAN_GROWTH;
  }
}

/** Every event on `subject` with a sequence in [start, last], oldest first. */
async function readRange(nc: NatsConnection, subject: string, start: number, last: number): Promise<unknown[]> {
  const consumer = await jetstream(nc).consumers.get(EVENTS_STREAM, {
    filter_subjects: subject,
    deliver_policy: DeliverPolicy.StartSequence,
    opt_start_seq: start,
  });
  const out: unknown[] = [];
  try {
    const info = await consumer.info();
    let pending = info.num_pending;
    if (pending === 0) return out;
    const messages = await consumer.fetch({ max_messages: Math.min(pending, 10_000), expires: FETCH_EXPIRES_MS });
    for await (const msg of messages) {
      if (msg.seq > last) break;
      out.push(parseJsonOrText(msg.string()));
      pending = msg.info.pending;
      if (msg.seq === last || pending === 0) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return out;
}
