import type { FleetStepResult } from './fleet-step';
import type { ScaleOutRun } from './scale-out-step';
import type { SyntheticStepResult } from './synthetic-step';
import { closingLine, missedSteps, type StepOutcomes } from './verdict';

const latency = { count: 100, p50: 25, p95: 48, p99: 51, max: 60 };
const client = { deliveryRatio: 1, received: 100, expected: 100, latencyMs: latency, batchesPerSecond: 20 };

const fleet = (devices: number, agentMode: 'process' | 'dense', limit: string | null): FleetStepResult => ({
  kind: 'fleet',
  devices,
  agentMode,
  seconds: 30,
  client,
  roles: {},
  offlineDetectionMs: [300],
  commandRttMs: latency,
  fanout: null,
  limit,
});

const synthetic = (devices: number, limit: string | null): SyntheticStepResult => ({
  kind: 'synthetic',
  devices,
  seconds: 30,
  client,
  roles: {},
  limit,
});

const scaleOut = (replicas: number, devices: number, limit: string | null): ScaleOutRun => ({
  kind: 'scale-out',
  replicas,
  devices,
  seconds: 8,
  offeredPerSecond: devices * 10,
  publishedPerSecond: devices * 10,
  handledPerSecond: devices * 10,
  handledRatio: 1,
  slowConsumers: 0,
  partitionsLost: 0,
  warmupSeconds: 3,
  settled: true,
  perReplica: [],
  replicasCpuPercent: 50,
  brokerCpuPercent: 20,
  loadCpuPercent: 20,
  balanceSeconds: 0.5,
  limit,
});

const outcomes = (parts: Partial<StepOutcomes>): StepOutcomes => ({ fleet: [], synthetic: [], scaleOut: [], failedSteps: [], ...parts });

describe('bench - closing verdict', () => {
  it('says every step held only when every step of every part held', () => {
    const held = outcomes({ fleet: [fleet(10, 'process', null)], synthetic: [synthetic(1000, null)], scaleOut: [scaleOut(1, 4000, null)] });
    expect(missedSteps(held)).toEqual([]);
    expect(closingLine(held)).toBe('every step held its targets (3 steps)');
  });

  it('names a synthetic step that missed even when every fleet step held (the run of issue 15)', () => {
    const run = outcomes({
      fleet: [fleet(10, 'process', null), fleet(200, 'process', null)],
      synthetic: [synthetic(2000, null), synthetic(5000, 'client delivery 0.68 < 0.999; p99 latency 2000 ms > 200 ms')],
    });
    const line = closingLine(run);
    expect(line).not.toContain('every step held');
    expect(line).toBe('1 of 4 steps missed its targets: synthetic 5000 devices (client delivery 0.68 < 0.999; p99 latency 2000 ms > 200 ms)');
  });

  it('names every missed step, of every part, in run order, and the steps that could not run', () => {
    const run = outcomes({
      fleet: [fleet(200, 'process', 'client delivery 0.9956 < 0.999'), fleet(500, 'dense', null)],
      synthetic: [synthetic(10000, 'p99 latency 17547 ms > 200 ms')],
      scaleOut: [scaleOut(2, 7000, 'handled 60% of offered')],
      failedSteps: [
        { kind: 'fleet', devices: 1000, agentMode: 'process', error: 'spawn EAGAIN' },
        { kind: 'scale-out', devices: 4000, agentMode: null, replicas: 4, error: 'replica did not start' },
      ],
    });
    expect(missedSteps(run).map((m) => m.step)).toEqual([
      'process 200 devices',
      'synthetic 10000 devices',
      'scale-out 2 replicas at 7000 devices',
      'process 1000 devices',
      'scale-out 4 replicas at 4000 devices',
    ]);
    const line = closingLine(run);
    expect(line.startsWith('5 of 6 steps missed their targets: process 200 devices (client delivery 0.9956 < 0.999); ')).toBe(true);
    expect(line).toContain('process 1000 devices (could not run: spawn EAGAIN)');
    expect(line).not.toContain('dense 500');
  });

  it('does not call an empty run a success', () => {
    expect(closingLine(outcomes({}))).toBe('no fleet, synthetic or scale-out step ran');
  });
});
