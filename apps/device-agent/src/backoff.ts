/** Reconnect delays: capped exponential backoff with full jitter. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly capMs: number;
  /** Uniform random in [0, 1); injectable for tests. */
  readonly random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 100, capMs: 5000, random: Math.random };

/**
 * Delay before reconnect attempt number `attempt` (0 = first): uniform in
 * [0, min(cap, base * 2^attempt)). Full jitter spreads hundreds of agents that lost the same
 * device host, so they do not reconnect in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(Math.max(0, attempt), 30));
  return Math.floor(options.random() * ceiling);
}

/** Counts attempts between resets; pure apart from the injected `random`. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The delay for the next attempt, advancing the attempt count. */
  next(): number {
    return backoffDelay(this.attempt++, this.options);
  }

  /** Starts over from the base delay (after a connection proved stable). */
  reset(): void {
    this.attempt = 0;
  }
}
