import { Backoff, backoffDelay } from './backoff';

const opts = (r: number) => ({ baseMs: 100, capMs: 5000, random: () => r });

describe('backoff', () => {
  it('doubles the ceiling per attempt up to the cap', () => {
    const ceilings = [0, 1, 2, 3, 5, 6, 20].map((a) => backoffDelay(a, opts(0.999999)));
    expect(ceilings).toEqual([99, 199, 399, 799, 3199, 4999, 4999]);
  });

  it('applies full jitter: the delay is random * ceiling, down to 0', () => {
    expect(backoffDelay(3, opts(0.5))).toBe(400);
    expect(backoffDelay(3, opts(0))).toBe(0);
  });

  it('advances per next() and starts over after reset()', () => {
    const backoff = new Backoff(opts(0.5));
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([50, 100, 200]);
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });
});
