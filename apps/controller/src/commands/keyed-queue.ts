/**
 * Runs tasks one at a time per key, in arrival order; tasks for different keys never wait on
 * each other. A failing task does not block the ones queued behind it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Queues `task` behind the tasks already queued for `key` and resolves with its result. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Forget the key once idle so the map does not grow with every device ever commanded.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Resolves once every task queued so far for the keys `selected` picks has finished. */
  async settled(selected: (key: string) => boolean): Promise<void> {
    await Promise.all([...this.tails].filter(([key]) => selected(key)).map(([, tail]) => tail));
  }

  /** Number of keys with work queued or running. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
