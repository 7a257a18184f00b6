import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('grows exponentially, stays within [ceiling/2, ceiling] and is capped', () => {
    expect(backoffDelay(0, 250, 5000, () => 0)).toBe(125);
    expect(backoffDelay(0, 250, 5000, () => 1)).toBe(250);
    expect(backoffDelay(3, 250, 5000, () => 1)).toBe(2000);
    expect(backoffDelay(50, 250, 5000, () => 1)).toBe(5000);
  });
});
