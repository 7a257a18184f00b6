import type { DeviceCommandOutcome, DeviceCommandReply } from '@fleet/contracts/wire';

/** Request ids remembered per device; more are forgotten oldest first. */
export const DEFAULT_REMEMBERED_REQUESTS = 128;
/** How long a request id is remembered (the controller keeps its command records 10 min by default). */
export const DEFAULT_REQUEST_MEMORY_MS = 10 * 60_000;

/** The reply to a request that arrived after the controller was told it had not. */
export const WITHDRAWN_ERROR = 'withdrawn: the controller was told this request had not arrived, so it was not run';

type Entry =
  | { readonly at: number; readonly type: 'running'; readonly reply: Promise<DeviceCommandReply> }
  | { readonly at: number; readonly type: 'done'; readonly reply: DeviceCommandReply }
  | { readonly at: number; readonly type: 'withdrawn' };

/**
 * One device's recent request ids and what became of them, so that a resend of a requestId
 * never runs the hardware twice, and the controller can ask whether a request whose reply it
 * lost ran. Bounded by count and by age; forgetting an entry moves `memoryFrom` forward, so a
 * "not received" answer never claims more than the agent remembers.
 */
export class RequestMemory {
  private readonly entries = new Map<string, Entry>();
  private from: number;

  constructor(
    private readonly maxEntries = DEFAULT_REMEMBERED_REQUESTS,
    private readonly maxAgeMs = DEFAULT_REQUEST_MEMORY_MS,
    private readonly clock: () => number = Date.now,
  ) {
    this.from = clock();
  }

  /** Since when (ms since epoch) every request id received is remembered. */
  get memoryFrom(): number {
    this.prune();
    return this.from;
  }

  /**
   * Runs `execute` for a new requestId; for one already seen returns the first reply (waiting for
   * it if still running) and never runs again. A withdrawn requestId is refused with `refusal`.
   */
  run(requestId: string, execute: () => Promise<DeviceCommandReply>, refusal: (error: string) => DeviceCommandReply): Promise<DeviceCommandReply> {
    const known = this.entries.get(requestId);
    if (known?.type === 'withdrawn') return Promise.resolve(refusal(WITHDRAWN_ERROR));
    if (known) return Promise.resolve(known.reply);
    const at = this.clock();
    const reply = execute();
    const settled = reply.catch((err: unknown) => refusal(`agent error: ${String(err)}`));
    this.remember(requestId, { at, type: 'running', reply: settled });
    void settled.then((done) => {
      if (this.entries.get(requestId)?.type === 'running') this.entries.set(requestId, { at, type: 'done', reply: done });
    });
    return settled;
  }

  /** What became of `requestId`. An unknown one is withdrawn: if it still arrives, it is refused. */
  query(requestId: string): DeviceCommandOutcome {
    const known = this.entries.get(requestId);
    if (known?.type === 'done') return { requestId, status: 'done', reply: known.reply };
    if (known?.type === 'running') return { requestId, status: 'running' };
    const memoryFrom = this.memoryFrom;
    if (!known) this.remember(requestId, { at: this.clock(), type: 'withdrawn' });
    return { requestId, status: 'not-received', memoryFrom };
  }

  get size(): number {
    return this.entries.size;
  }

  private remember(requestId: string, entry: Entry): void {
    this.entries.set(requestId, entry);
    this.prune();
  }

  /** Forgets entries past the age limit, then the oldest over the bound (Map order is arrival order). */
  private prune(): void {
    const now = this.clock();
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at < this.maxAgeMs) break;
      // A command still running is kept past the bounds: its promise is what a resend waits for.
      if (entry.type === 'running' && now - entry.at < this.maxAgeMs) continue;
      this.entries.delete(id);
      this.from = Math.max(this.from, entry.at);
    }
  }
}
