import { DeliveryTracker } from './delivery-tracker';

describe('delivery-tracker - ratio', () => {
  it('counts a gap in seqs as a loss', () => {
    const t = new DeliveryTracker();
    for (const seq of [10, 11, 13, 14]) t.record('a', seq);
    for (const seq of [1, 2, 3]) t.record('b', seq);
    expect(t.totals()).toEqual({ received: 7, expected: 8, devices: 2 });
    expect(t.ratio()).toBeCloseTo(7 / 8);
  });

  it('starts a new span when an agent restarts and its seq begins again', () => {
    const t = new DeliveryTracker();
    for (const seq of [50, 51, 1, 2, 3]) t.record('a', seq);
    expect(t.totals()).toEqual({ received: 3, expected: 3, devices: 1 });
  });

  it('is 1 when nothing was expected', () => {
    expect(new DeliveryTracker().ratio()).toBe(1);
  });
});
