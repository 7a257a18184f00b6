import { PollScheduler } from './poll-scheduler';

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('poll-scheduler', () => {
  it('skips and counts ticks while a poll runs, publishing once per tick, never queueing polls', async () => {
    const gate = deferred();
    let polls = 0;
    let published = 0;
    const scheduler = new PollScheduler(
      100,
      () => {
        polls++;
        return gate.promise;
      },
      () => published++,
      () => undefined,
    );
    const first = scheduler.tick();
    await scheduler.tick();
    await scheduler.tick();
    expect({ polls, published, skipped: scheduler.skipped }).toEqual({ polls: 1, published: 2, skipped: 2 });
    gate.resolve();
    await first;
    expect(published).toBe(3);
    await scheduler.tick();
    expect({ polls, published, skipped: scheduler.skipped }).toEqual({ polls: 2, published: 4, skipped: 2 });
  });

  it('survives a failing poll and still publishes', async () => {
    const errors: unknown[] = [];
    let published = 0;
    const scheduler = new PollScheduler(100, () => Promise.reject(new Error('boom')), () => published++, (e) => errors.push(e));
    await scheduler.tick();
    expect(published).toBe(1);
    expect(errors).toHaveLength(1);
  });

  it('ticks at once on start, then every period', async () => {
    jest.useFakeTimers();
    try {
      let published = 0;
      const scheduler = new PollScheduler(100, () => Promise.resolve(), () => published++, () => undefined);
      scheduler.start();
      await jest.advanceTimersByTimeAsync(350);
      scheduler.stop();
      await jest.advanceTimersByTimeAsync(500);
      expect(published).toBe(4);
    } finally {
      jest.useRealTimers();
    }
  });
});
