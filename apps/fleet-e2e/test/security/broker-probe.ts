import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { NatsAuthOptions } from '@fleet/nats-auth';

/** How long a message that was not refused would take to arrive on loopback, with a wide margin. */
const SILENCE_MS = 500;

/** Connects with `auth` (none: anonymous); never reconnects, so a refusal shows at once. */
export function probeConnection(servers: string[], auth: NatsAuthOptions, name: string): Promise<NatsConnection> {
  return connect({ servers, ...auth, name, maxReconnectAttempts: 0 });
}

/** The first permission error the server sends `nc` from now on, or undefined after SILENCE_MS. */
async function nextPermissionError(nc: NatsConnection): Promise<string | undefined> {
  const timeout = new Promise<undefined>((r) => setTimeout(() => r(undefined), SILENCE_MS));
  const errors = (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'error' && /permission/i.test(String(s.error))) return String(s.error.message);
    }
    return undefined;
  })();
  return Promise.race([errors, timeout]);
}

/**
 * Publishes `subject` from `publisher` while `watcher` listens on `listen`: whether it arrived,
 * and the permission error the broker answered with, if any.
 */
export async function tryPublish(publisher: NatsConnection, watcher: NatsConnection, subject: string, listen: string, fields: Record<string, unknown> = {}): Promise<{ delivered: boolean; error: string | undefined }> {
  // Real traffic flows on the same subjects (the device's own agent): only this probe's message counts.
  const payload = JSON.stringify({ ...fields, probe: randomUUID() });
  const sub = watcher.subscribe(listen);
  await watcher.flush();
  const error = nextPermissionError(publisher);
  publisher.publish(subject, payload);
  await publisher.flush().catch(() => undefined);
  let delivered = false;
  const timer = setTimeout(() => sub.unsubscribe(), SILENCE_MS);
  for await (const msg of sub) {
    if (msg.string() !== payload) continue;
    delivered = true;
    sub.unsubscribe();
  }
  clearTimeout(timer);
  return { delivered, error: await error };
}

/** A request from `nc`: its reply text, or the error it ended with (permission violation, no responders, timeout). */
export async function tryRequest(nc: NatsConnection, subject: string, payload: string): Promise<{ reply?: string; error?: string }> {
  try {
    return { reply: (await nc.request(subject, payload, { timeout: 2_000 })).string() };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/**
 * While `listener` subscribes to `listen` (another client's inbox), `requester` makes a request:
 * whether the listener heard anything, the permission error its subscription ended with, and the
 * requester's reply (the allowed path must still work).
 */
export async function tryOverhear(listener: NatsConnection, listen: string, requester: NatsConnection, subject: string, payload: string): Promise<{ overheard: number; error: string | undefined; reply: string | undefined }> {
  let overheard = 0;
  let error: string | undefined;
  const sub = listener.subscribe(listen, {
    callback: (err) => {
      if (err) error = err.message;
      else overheard++;
    },
  });
  await listener.flush();
  const answer = await tryRequest(requester, subject, payload);
  await new Promise((resolve) => setTimeout(resolve, SILENCE_MS));
  if (!sub.isClosed()) sub.unsubscribe();
  return { overheard, error, reply: answer.reply };
}
