import { boundedMap } from './bounded-map';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('bounded-map - concurrency', () => {
  it('never runs more than the limit at once and keeps the order', async () => {
    let running = 0;
    let most = 0;
    const out = await boundedMap([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      return n * 10;
    });
    expect(out).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it('stops starting new work after a failure and rejects with it', async () => {
    const started: number[] = [];
    await expect(
      boundedMap([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('agent 2 failed');
        return n;
      }),
    ).rejects.toThrow('agent 2 failed');
    expect(started).toEqual([1, 2]);
  });
});
