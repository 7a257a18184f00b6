import { RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { backoffDelay } from '../common/backoff';
import { requestController, type ControllerOutcome } from './controller-request';

/** First pause after a miss: a partition usually finds its new owner within a few hundred ms. */
const RETRY_BASE_MS = 50;
/** Longest pause between attempts, so an owner that has just subscribed is found soon. */
const RETRY_MAX_MS = 500;
/** An attempt with less time than this left could not get a reply back; give up instead. */
const MIN_ATTEMPT_MS = 20;

/** Why an attempt got no reply, when another attempt may get one. */
export type Miss = 'no-responders' | 'timeout';

/**
 * A failed request that is worth sending again: nobody subscribed to the subject (the device's
 * partition has no owner right now) or no reply in time (the owner may have died with it).
 * Anything else, e.g. a closed or draining connection, is `undefined`: retrying cannot help.
 */
export function missOf(cause: unknown): Miss | undefined {
  if (cause instanceof TimeoutError) return 'timeout';
  if (cause instanceof RequestError && cause.isNoResponders()) return 'no-responders';
  return undefined;
}

/** How {@link requestWithRetry} spends its time. */
export interface RetryOptions {
  /** Longest wait for the reply to one attempt. */
  readonly attemptTimeoutMs: number;
  /** Retries are sent while less than this has passed since the first attempt; 0 = one attempt. */
  readonly retryMs: number;
  /** Ends the retries early, e.g. when the gateway stops. */
  readonly signal?: AbortSignal;
  /** Called before each retry, for logs and metrics. */
  readonly onRetry?: (miss: Miss, attempt: number) => void;
}

/**
 * {@link requestController}, sent again with the very same body after "no responders" or a
 * timeout until `retryMs` has passed. The body carries the requestId, which the controller
 * deduplicates, so a retry of a request that did arrive returns its first reply and never acts
 * twice. When time runs out the outcome is `unavailable` with a `detail` saying what was tried.
 * Never rejects.
 */
export async function requestWithRetry<S extends z.ZodType>(
  nc: NatsConnection,
  subject: string,
  body: unknown,
  schema: S,
  options: RetryOptions,
): Promise<ControllerOutcome<z.infer<S>>> {
  const started = Date.now();
  const deadline = started + options.retryMs;
  let timeoutMs = options.attemptTimeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await requestController(nc, subject, body, schema, timeoutMs);
    if (outcome.kind !== 'unavailable') return outcome;
    const miss = missOf(outcome.cause);
    if (miss === undefined) return outcome;
    const exhausted = (): ControllerOutcome<z.infer<S>> => ({
      kind: 'unavailable',
      cause: outcome.cause,
      detail: `no controller answered on ${subject} within ${Date.now() - started} ms ` +
        `(${attempt} ${attempt === 1 ? 'attempt' : 'attempts'}, last: ${miss === 'timeout' ? 'timeout' : 'no responders'})`,
    });
    const pause = Math.min(backoffDelay(attempt - 1, RETRY_BASE_MS, RETRY_MAX_MS), deadline - Date.now() - MIN_ATTEMPT_MS);
    if (pause < 0 || options.signal?.aborted) return exhausted();
    try {
      await sleep(pause, undefined, { signal: options.signal });
    } catch {
      // Aborted while waiting: the gateway is stopping, nobody will wait for more attempts.
      return exhausted();
    }
    timeoutMs = Math.min(options.attemptTimeoutMs, deadline - Date.now());
    if (timeoutMs < MIN_ATTEMPT_MS) return exhausted();
    options.onRetry?.(miss, attempt + 1);
  }
}
