import { RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';

/** Raised when no owner of a partition answered before the deadline. */
export class OwnerUnavailableError extends Error {
  override readonly name = 'OwnerUnavailableError';
}

/** Pause before asking again while a partition changes hands. */
const RETRY_PAUSE_MS = 100;

/**
 * Sends a request to the replica owning its subject's partition and resolves with the reply's
 * text. While the partition changes hands nobody may listen ("no responders") or the old owner
 * may die mid-request (timeout): the same request is sent again until `deadlineMs`. Retrying is
 * safe because commands and acknowledgements are idempotent by requestId.
 */
export async function requestOwner(nc: NatsConnection, subject: string, body: string, attemptMs: number, deadlineMs: number): Promise<string> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    try {
      return (await nc.request(subject, body, { timeout: Math.min(attemptMs, remaining) })).string();
    } catch (err) {
      // No responders and a dropped connection are RequestErrors; a silent owner is a TimeoutError.
      if (!(err instanceof RequestError || err instanceof TimeoutError)) throw err;
      last = err;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
  throw new OwnerUnavailableError(`no controller owning ${subject} answered within ${deadlineMs} ms`, { cause: last });
}
