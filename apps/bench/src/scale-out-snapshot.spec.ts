import { keptUp, type Snapshot } from './scale-out-snapshot';

const snapshot = (inMsgs: number, replicas: Array<[handled: number, owned: number, lost: number]>): Snapshot => ({
  at: 0,
  broker: { inMsgs, outMsgs: inMsgs, slowConsumers: 0 },
  replicas: replicas.map(([handled, owned, lost]) => ({ handled, owned, lost })),
});

describe('scale-out snapshot - keeping up', () => {
  it('holds when the replicas handled nearly all the broker received and kept their partitions', () => {
    expect(keptUp(snapshot(0, [[0, 8, 0], [0, 8, 0]]), snapshot(10_000, [[4900, 8, 0], [4700, 8, 0]]), 16)).toBe(true);
  });

  it('fails when they fell behind, drained a backlog, lost a lease or held the partitions unevenly', () => {
    const start = snapshot(0, [[0, 8, 0], [0, 8, 0]]);
    expect(keptUp(start, snapshot(10_000, [[4000, 8, 0], [4000, 8, 0]]), 16)).toBe(false);
    expect(keptUp(start, snapshot(10_000, [[6000, 8, 0], [6000, 8, 0]]), 16)).toBe(false);
    expect(keptUp(start, snapshot(10_000, [[5000, 8, 1], [5000, 8, 0]]), 16)).toBe(false);
    expect(keptUp(start, snapshot(10_000, [[5000, 16, 0], [5000, 0, 0]]), 16)).toBe(false);
    expect(keptUp(start, snapshot(0, [[0, 8, 0], [0, 8, 0]]), 16)).toBe(false);
  });
});
