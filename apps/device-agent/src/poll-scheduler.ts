/**
 * Runs `poll` every period and calls `publish` once per tick. A tick that finds the previous poll
 * still running skips polling (counted in {@link skipped}) and publishes at once, so statuses keep
 * flowing at the configured rate even while the device is slow; polls are never queued.
 */
export class PollScheduler {
  /** Ticks skipped because the previous poll was still running. */
  skipped = 0;
  private running = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly periodMs: number,
    private readonly poll: () => Promise<void>,
    private readonly publish: () => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** One tick; resolves when this tick has published. Exposed for tests. */
  tick(): Promise<void> {
    if (this.running) {
      this.skipped++;
      this.safePublish();
      return Promise.resolve();
    }
    this.running = true;
    return this.poll()
      .catch(this.onError)
      .finally(() => {
        this.running = false;
        this.safePublish();
      });
  }

  /** Ticks now, then every period. */
  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.periodMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private safePublish(): void {
    try {
      this.publish();
    } catch (err) {
      this.onError(err);
    }
  }
}
