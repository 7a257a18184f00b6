import type { KV } from '@nats-io/kv';
import type { z } from 'zod';
import { formatZodIssues } from '../common/zod-issues';
import { parseJsonOrText } from '../nats/json-codec';

/** Where a mirror reports a stored value that fails its schema. */
export type InvalidEntrySink = (key: string, detail: string) => void;

/** If the first pass over a bucket never signals its end (e.g. entries expired meanwhile), stop waiting after this. */
const INITIAL_PASS_LIMIT_MS = 5000;

/**
 * A live, validated copy of every value in one KV bucket, fed by a watcher (current values first,
 * then every put and delete). `ready` resolves once the current values are in.
 */
export class KvMirror<T> {
  readonly entries = new Map<string, T>();
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private stopped = false;
  private stopWatch: (() => void) | undefined;

  constructor(
    private readonly schema: z.ZodType<T>,
    private readonly onInvalid: InvalidEntrySink,
  ) {
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** Starts watching; resolves when the watch is set up (use `ready` for the first pass). */
  async start(kv: KV): Promise<void> {
    if ((await kv.status()).values === 0) this.markReady();
    setTimeout(() => this.markReady(), INITIAL_PASS_LIMIT_MS).unref();
    const watch = await kv.watch();
    this.stopWatch = () => watch.stop();
    if (this.stopped) watch.stop();
    void (async () => {
      for await (const entry of watch) {
        if (entry.operation === 'PUT') this.put(entry.key, entry.string());
        else this.entries.delete(entry.key);
        // The watcher flags the last of the current values, and everything after it, as updates.
        if (entry.isUpdate) this.markReady();
      }
    })();
  }

  stop(): void {
    this.stopped = true;
    this.stopWatch?.();
  }

  private put(key: string, text: string): void {
    const parsed = this.schema.safeParse(parseJsonOrText(text));
    if (parsed.success) this.entries.set(key, parsed.data);
    else {
      this.entries.delete(key);
      this.onInvalid(key, formatZodIssues(parsed.error));
    }
  }
}
