/** Minimal logging surface, so this counter does not depend on a particular logger. */
export interface WarnLogger {
  warn(fields: Record<string, unknown>, msg: string): void;
}

/** Receives every dropped message's pattern and reason, e.g. a Prometheus counter. */
export type InvalidCountSink = (pattern: string, reason: string) => void;

/** Cap on remembered sources, so hostile traffic with ever-new subjects cannot grow memory. */
const MAX_SOURCES = 10_000;

/**
 * Counts dropped messages by subject pattern and reason, and logs the first one from each
 * source (concrete subject), so a misbehaving agent at 10 Hz produces one log line, not a flood.
 * Counts also go to `sink` (the Prometheus counter `fleet_controller_invalid_messages_total`).
 */
export class InvalidMessages {
  private readonly counts = new Map<string, number>();
  private readonly loggedSources = new Set<string>();

  constructor(
    private readonly logger: WarnLogger,
    private readonly sink: InvalidCountSink = () => undefined,
  ) {}

  /**
   * Records one dropped message. `pattern` is the subscription (bounded set, used for counting);
   * `source` is the concrete subject it came from (used for log-once).
   */
  record(pattern: string, reason: string, source: string, detail: string): void {
    const key = `${pattern} ${reason}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.sink(pattern, reason);
    if (this.loggedSources.has(source)) return;
    if (this.loggedSources.size >= MAX_SOURCES) this.loggedSources.clear();
    this.loggedSources.add(source);
    this.logger.warn({ subject: source, reason, detail: detail.slice(0, 500) }, 'invalid message dropped');
  }

  /** Counts so far, keyed `"<pattern> <reason>"`. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
