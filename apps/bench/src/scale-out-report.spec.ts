import { scaleOutReading, scaleOutSummary, scaleOutTable } from './scale-out-report';
import type { ScaleOutRun } from './scale-out-step';

const run = (replicas: number, handledPerSecond: number, limit: string | null): ScaleOutRun => ({
  kind: 'scale-out',
  replicas,
  devices: 7000,
  seconds: 8,
  offeredPerSecond: 70_000,
  publishedPerSecond: 69_000,
  handledPerSecond,
  handledRatio: handledPerSecond / 70_000,
  slowConsumers: 0,
  partitionsLost: limit ? 16 : 0,
  warmupSeconds: 3,
  settled: limit === null,
  perReplica: Array.from({ length: replicas }, (_, i) => ({
    replica: `controller-${i + 1}`,
    partitions: 16 / replicas,
    handledPerSecond: handledPerSecond / replicas,
    cpuPercent: 80 / replicas,
    rssMb: 150,
    ussMb: 90,
  })),
  replicasCpuPercent: 80,
  brokerCpuPercent: 30,
  loadCpuPercent: 25,
  balanceSeconds: 0.4,
  limit,
});

describe('scale-out report - table and summary', () => {
  it('writes one row per run with per-replica figures', () => {
    const table = scaleOutTable([run(1, 30_000, 'replicas lost 16 partition lease(s)'), run(4, 68_000, null)]);
    expect(table).toContain('| 1 | 7000 | 70000 | 69000 | 30000 |');
    expect(table).toContain('| 4 / 4 / 4 / 4 | 20 / 20 / 20 / 20 |');
    expect(table).toContain('| keeps up |');
    expect(scaleOutTable([])).toBe('not measured');
  });

  it('notes when the generator, not the replicas, fell short of the offered load', () => {
    const short = { ...run(4, 50_000, null), publishedPerSecond: 50_100 };
    expect(scaleOutTable([short])).toContain('| keeps up (the generator reached only 50100/s of 70000/s) |');
    expect(scaleOutTable([run(4, 68_000, null)])).not.toContain('generator');
  });

  it('compares the fewest and the most replicas per load and says how to read it', () => {
    expect(scaleOutSummary([run(4, 68_000, null), run(1, 30_000, 'behind')])).toEqual([
      '70000 status/s offered: 1 → 4 replicas handled 30000 → 68000/s (1 replica fell behind, 4 replicas kept up), busiest replica 80 → 20 % CPU, all replicas 80 → 80 % CPU',
    ]);
    expect(scaleOutSummary([run(2, 68_000, null)])).toEqual([]);
    expect(scaleOutReading(2)).toContain('2-core machine');
  });
});
