import { partitionOf } from './partition-of';

describe('partitions - partitionOf', () => {
  it('matches the partitions nats-server 2.9 assigned with {{partition(16,1)}}', () => {
    // Observed by publishing to fleet.v1.device.<id>.status through a mapping on nats-server 2.9.
    expect(partitionOf('camera-1', 16)).toBe(8);
    expect(partitionOf('camera-2', 16)).toBe(1);
    expect(partitionOf('stage-1', 16)).toBe(3);
    expect(partitionOf('x', 16)).toBe(7);
    expect(partitionOf('dev_123-abc', 16)).toBe(10);
    expect(partitionOf('sensor-99', 16)).toBe(8);
  });

  it('spreads a fleet evenly and stays in range', () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 1600; i++) {
      const p = partitionOf(`camera-${i}`, 16);
      counts[p] = (counts[p] ?? 0) + 1;
    }
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(140);
    expect(partitionOf('anything', 1)).toBe(0);
  });
});
