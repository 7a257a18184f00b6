/**
 * Remembers the result of each requestId for a while so a retried request gets the original
 * answer without running again. Bounded by count (oldest first out) and by age. Values may be
 * promises, so a retry that arrives while the first attempt is still running waits for it.
 */
export class DedupeCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The remembered value, or `undefined` when unknown or expired. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.clock()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Remembers `value` under `key`, evicting expired entries and then the oldest over the bound. */
  set(key: string, value: V): void {
    const now = this.clock();
    this.entries.delete(key);
    this.entries.set(key, { value, expires: now + this.ttlMs });
    // Map keeps insertion order, and every entry has the same TTL, so the oldest come first.
    for (const [k, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && entry.expires > now) break;
      this.entries.delete(k);
    }
  }

  /** Drops `key`, e.g. when the first attempt failed in a way a retry should not inherit. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
