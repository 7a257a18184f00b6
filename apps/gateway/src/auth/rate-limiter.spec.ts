import { RateLimiter } from './rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then the steady rate', () => {
    let now = 0;
    const limiter = new RateLimiter(5, 10, () => now);
    const burst = Array.from({ length: 12 }, () => limiter.tryTake());
    expect(burst.filter(Boolean)).toHaveLength(10);
    now += 1000;
    const next = Array.from({ length: 8 }, () => limiter.tryTake());
    expect(next.filter(Boolean)).toHaveLength(5);
  });
});
