import { DEFAULT_PARTITIONS } from '@fleet/contracts';
import { appEntry, startService, type LocalBroker, type Service } from '@fleet/fleet-runner';
import { freePort } from '@fleet/nats-server';
import { join } from 'node:path';
import { brokerLine, credentialArgs, startBenchBroker } from './bench-broker';
import { monitoringConfig } from './broker-varz';
import { DEFAULT_LOAD_HZ, DEFAULT_LOAD_PREFIX } from './load-generator-config';
import { ProcessGroup, type RoleFigures } from './process-group';
import type { Progress } from './progress';
import { isBalanced, readyHttpPort, scrapeReplica, type ReplicaCounters } from './replica-metrics';
import { keptUp, takeSnapshot, type Snapshot } from './scale-out-snapshot';
import { round } from './stats';

/** Partitions of the broker mapping: the controller's default, so up to 16 replicas each get some. */
export const SCALE_OUT_PARTITIONS = DEFAULT_PARTITIONS;
/** The controller's default lease; named here because the step's balance wait depends on it. */
const LEASE_MS = 1000;
/** Replicas that start together on 2 cores take a few seconds each (NestJS, KV buckets). */
const REPLICA_READY_TIMEOUT_MS = 30_000;
/** Rebalancing takes a few lease rounds per replica that joins; far less than this. */
const BALANCE_TIMEOUT_MS = 30_000;
const BALANCE_POLL_MS = 200;
/** Warm-up polls: each scrape renders every device's gauges, so not much more often than this. */
const WARMUP_POLL_MS = 1000;
/** Consecutive polls that kept up before the window starts. */
const WARMUP_STEADY_POLLS = 2;

/** One replica's share of a scale-out run. */
export interface ReplicaFigures {
  replica: string;
  /** Partitions it held at the end of the window. */
  partitions: number;
  handledPerSecond: number;
  /** % of one core. */
  cpuPercent: number;
  rssMb: number;
  ussMb: number;
}

/** What one replica count under one offered load measured. */
export interface ScaleOutRun {
  kind: 'scale-out';
  replicas: number;
  devices: number;
  /** Length of the measuring window, s. */
  seconds: number;
  /** Status per second the load generator was asked for: devices × 10 Hz. */
  offeredPerSecond: number;
  /** Messages per second the broker received from all clients (the generator's status, plus a little lease traffic). */
  publishedPerSecond: number;
  /** Status messages per second handled, summed over the replicas' counters. */
  handledPerSecond: number;
  /** handled / offered. */
  handledRatio: number;
  /** Clients the broker cut off during the window for not reading fast enough. */
  slowConsumers: number;
  /** Partition leases the replicas lost during the window (renewal not confirmed in time). */
  partitionsLost: number;
  /** How long the warm-up took, s. */
  warmupSeconds: number;
  /** False when the replicas had not kept up for two polls in a row by the end of the warm-up. */
  settled: boolean;
  perReplica: ReplicaFigures[];
  /** Sum over the replicas, % of one core. */
  replicasCpuPercent: number;
  brokerCpuPercent: number;
  loadCpuPercent: number;
  /** Time from every replica being ready to the partitions being evenly held. */
  balanceSeconds: number;
  /** Why the replicas are judged not to keep up with what reached the broker, or null. */
  limit: string | null;
}

/** Options of the scale-out step for one replica count. */
export interface ScaleOutOptions {
  replicas: number;
  /** Offered loads in virtual devices at 10 Hz, run in ascending order on the same replicas. */
  loads: readonly number[];
  /** The warm-up ends once the replicas keep up, or after this long. */
  maxWarmupSeconds: number;
  seconds: number;
  searchPath: string | undefined;
  progress: Progress;
  /** Receives each run as soon as it is measured, so that a later failure keeps the earlier runs. */
  onRun: (run: ScaleOutRun) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the replicas keep up with the load for a few polls in a row, or `maxSeconds`. New
 * devices' births and first state writes, and a replica that lost its leases in that burst and
 * takes them back, are not the steady state the window is meant to measure.
 */
async function warmUp(httpPorts: readonly number[], monitorPort: number, maxSeconds: number): Promise<{ seconds: number; settled: boolean }> {
  const started = Date.now();
  const elapsed = (): number => round((Date.now() - started) / 1000, 1);
  // A swamped replica may not answer /metrics in time: that poll simply did not keep up.
  const poll = (): Promise<Snapshot | undefined> => takeSnapshot(httpPorts, monitorPort).catch(() => undefined);
  let previous = await poll();
  let steady = 0;
  while (Date.now() - started < maxSeconds * 1000) {
    await sleep(WARMUP_POLL_MS);
    const current = await poll();
    steady = previous && current && keptUp(previous, current, SCALE_OUT_PARTITIONS) ? steady + 1 : 0;
    previous = current;
    if (steady >= WARMUP_STEADY_POLLS) return { seconds: elapsed(), settled: true };
  }
  return { seconds: elapsed(), settled: false };
}

/** A snapshot for the window, whose failure names what did not answer. */
async function windowSnapshot(httpPorts: readonly number[], monitorPort: number): Promise<Snapshot> {
  try {
    return await takeSnapshot(httpPorts, monitorPort);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`a replica or the broker did not answer its metrics (${why}): swamped`);
  }
}

/** Starts the replicas together; if one fails, the others are stopped before the error propagates. */
async function startReplicas(count: number, broker: LocalBroker, baseEnv: Readonly<Record<string, string | undefined>>): Promise<Array<{ service: Service; httpPort: number }>> {
  const httpPorts = new Map<string, number>();
  const started = await Promise.allSettled(
    Array.from({ length: count }, (_, index) => {
      const name = `controller-${index + 1}`;
      return startService(
        {
          name,
          entry: appEntry('controller'),
          args: [
            '--nats-url', broker.servers.join(','),
            ...credentialArgs(broker, 'controller'),
            '--replica-id', name,
            '--partitions', String(SCALE_OUT_PARTITIONS),
            '--http-port', '0',
            '--lease-ms', String(LEASE_MS),
          ],
        },
        {
          baseEnv,
          readyTimeoutMs: REPLICA_READY_TIMEOUT_MS,
          onLine: (service, line) => {
            const port = readyHttpPort(line);
            if (port !== undefined) httpPorts.set(service, port);
          },
        },
      );
    }),
  );
  const services = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  const missingPort = services.find((s) => !httpPorts.has(s.name));
  if (failed || missingPort) {
    await Promise.all(services.map((s) => s.stop()));
    if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
    throw new Error(`${missingPort?.name} logged no HTTP port in its ready line`);
  }
  return services.map((service) => ({ service, httpPort: httpPorts.get(service.name) ?? 0 }));
}

async function waitBalanced(httpPorts: readonly number[]): Promise<number[]> {
  const deadline = Date.now() + BALANCE_TIMEOUT_MS;
  for (;;) {
    const owned = (await Promise.all(httpPorts.map(scrapeReplica))).map((c) => c.owned);
    if (isBalanced(owned, SCALE_OUT_PARTITIONS)) return owned;
    if (Date.now() > deadline) throw new Error(`partitions not balanced within ${BALANCE_TIMEOUT_MS} ms: owned ${owned.join(' / ')}`);
    await sleep(BALANCE_POLL_MS);
  }
}

/** Below this share of the offered rate, the generator (not the replicas) is what fell short. */
const GENERATOR_SHORT_RATIO = 0.9;

/** Says that the load generator published well below the offered rate, or null. */
export function generatorShortfall(run: Pick<ScaleOutRun, 'offeredPerSecond' | 'publishedPerSecond'>): string | null {
  return run.publishedPerSecond < run.offeredPerSecond * GENERATOR_SHORT_RATIO
    ? `the generator reached only ${run.publishedPerSecond}/s of ${run.offeredPerSecond}/s`
    : null;
}

/** Why the replicas do not keep up, from a run's figures; null when they do. */
function limitOf(run: Omit<ScaleOutRun, 'limit'>, balancedAtEnd: boolean): string | null {
  // What reached the broker is what the replicas could handle: the generator shares the cores
  // and falls short of the offered rate when they are busy, which is not the replicas' doing.
  const received = Math.min(run.offeredPerSecond, run.publishedPerSecond);
  const limits = [
    run.handledPerSecond < received * 0.95 ? `replicas handled ${run.handledPerSecond}/s of ${received}/s received` : '',
    run.slowConsumers > 0 ? `broker cut off ${run.slowConsumers} slow consumer(s)` : '',
    run.partitionsLost > 0 ? `replicas lost ${run.partitionsLost} partition lease(s) in the window (renewals not confirmed in time)` : '',
    run.settled ? '' : `did not keep up within the ${run.warmupSeconds} s warm-up`,
    balancedAtEnd ? '' : `partitions unevenly held at the end (${run.perReplica.map((r) => r.partitions).join(' / ')})`,
  ].filter(Boolean);
  return limits.length ? limits.join('; ') : null;
}

const pidOf = (service: Service): number[] => {
  const pid = service.pid();
  return pid === undefined ? [] : [pid];
};

/** What one window measures on a running broker, replicas and generators. */
interface WindowSetup {
  broker: LocalBroker;
  monitorPort: number;
  replicas: ReadonlyArray<{ service: Service; httpPort: number }>;
  generators: readonly Service[];
  seconds: number;
}

/** Counters before and after the window, and each role's CPU and memory over it. */
async function measureWindow(setup: WindowSetup): Promise<{ before: Snapshot; after: Snapshot; roles: Record<string, RoleFigures> }> {
  const httpPorts = setup.replicas.map((r) => r.httpPort);
  const group = new ProcessGroup(() => {
    const brokerPid = setup.broker.server?.pid();
    return new Map([
      ['broker', brokerPid === undefined ? [] : [brokerPid]],
      ['load', setup.generators.flatMap(pidOf)],
      ...setup.replicas.map(({ service }) => [service.name, pidOf(service)] as const),
    ]);
  });
  const before = await windowSnapshot(httpPorts, setup.monitorPort);
  await group.begin();
  await sleep(setup.seconds * 1000);
  const roles = await group.end();
  const after = await windowSnapshot(httpPorts, setup.monitorPort);
  return { before, after, roles };
}

/** The run's figures from a measured window. */
function figuresOf(
  setup: WindowSetup,
  measured: { before: Snapshot; after: Snapshot; roles: Record<string, RoleFigures> },
  context: { devices: number; warmup: { seconds: number; settled: boolean }; balanceSeconds: number },
): ScaleOutRun {
  const { before, after, roles } = measured;
  const elapsed = (after.at - before.at) / 1000;
  const perSecond = (a: number, b: number): number => round((b - a) / elapsed, 0);
  const total = (s: Snapshot, figure: (r: ReplicaCounters) => number): number => s.replicas.reduce((sum, r) => sum + figure(r), 0);
  const perReplica: ReplicaFigures[] = setup.replicas.map(({ service }, i) => ({
    replica: service.name,
    partitions: after.replicas[i]?.owned ?? 0,
    handledPerSecond: perSecond(before.replicas[i]?.handled ?? 0, after.replicas[i]?.handled ?? 0),
    cpuPercent: roles[service.name]?.cpuPercent ?? 0,
    rssMb: roles[service.name]?.rssMaxMb ?? 0,
    ussMb: roles[service.name]?.ussMaxMb ?? 0,
  }));
  const offeredPerSecond = context.devices * DEFAULT_LOAD_HZ;
  const handledPerSecond = perSecond(total(before, (r) => r.handled), total(after, (r) => r.handled));
  const figures: Omit<ScaleOutRun, 'limit'> = {
    kind: 'scale-out',
    replicas: setup.replicas.length,
    devices: context.devices,
    seconds: round(elapsed, 2),
    offeredPerSecond,
    publishedPerSecond: perSecond(before.broker.inMsgs, after.broker.inMsgs),
    handledPerSecond,
    handledRatio: round(handledPerSecond / offeredPerSecond, 3),
    slowConsumers: after.broker.slowConsumers - before.broker.slowConsumers,
    partitionsLost: total(after, (r) => r.lost) - total(before, (r) => r.lost),
    warmupSeconds: context.warmup.seconds,
    settled: context.warmup.settled,
    perReplica,
    replicasCpuPercent: round(perReplica.reduce((s, r) => s + r.cpuPercent, 0)),
    brokerCpuPercent: roles.broker?.cpuPercent ?? 0,
    loadCpuPercent: roles.load?.cpuPercent ?? 0,
    balanceSeconds: context.balanceSeconds,
  };
  return { ...figures, limit: limitOf(figures, isBalanced(perReplica.map((r) => r.partitions), SCALE_OUT_PARTITIONS)) };
}

/**
 * Controller throughput with `replicas` replicas: a broker with the fleet's partition mapping,
 * the replicas started together, and once they hold the 16 partitions evenly, the synthetic
 * load at each offered load in turn (warm-up until they keep up, then a measuring window).
 * Loads are cumulative: each one adds a generator for the extra devices and keeps the earlier
 * ones running, so a higher load starts with only the new devices' births, not with the whole
 * fleet going offline and coming back. Status handled per second comes from the replicas' own
 * counters; CPU and memory from /proc.
 */
export async function runScaleOutStep(options: ScaleOutOptions): Promise<void> {
  const { progress } = options;
  progress.line(`scale-out ${options.replicas} replica(s): starting`);
  const monitorPort = await freePort();
  const broker = await startBenchBroker({ partitions: SCALE_OUT_PARTITIONS, searchPath: options.searchPath, extraConfig: monitoringConfig(monitorPort) });
  progress.line(brokerLine(broker.servers.join(',')));
  const baseEnv = { PATH: options.searchPath, FLEET_LOG_LEVEL: 'warn' };
  const replicas: Array<{ service: Service; httpPort: number }> = [];
  const generators: Service[] = [];
  try {
    replicas.push(...(await startReplicas(options.replicas, broker, baseEnv)));
    const httpPorts = replicas.map((r) => r.httpPort);
    const readyAt = Date.now();
    const owned = await waitBalanced(httpPorts);
    const balanceSeconds = round((Date.now() - readyAt) / 1000, 2);
    progress.line(`  partitions balanced in ${balanceSeconds} s: ${owned.join(' / ')}`);

    let running = 0;
    // Cumulative generators can only add devices, so the loads run in ascending order.
    for (const devices of [...new Set(options.loads)].sort((a, b) => a - b)) {
      if (devices > running) {
        const generator = await startService(
          {
            name: `load-${generators.length + 1}`,
            entry: join(__dirname, 'load-generator.js'),
            // Each generator its own id prefix, so the extra devices are new ones.
            args: [
              '--nats-url', broker.servers.join(','), ...credentialArgs(broker, 'load'),
              '--devices', String(devices - running), '--prefix', `${DEFAULT_LOAD_PREFIX}${generators.length + 1}`,
            ],
          },
          { baseEnv },
        );
        generators.push(generator);
        running = devices;
      }
      const warmup = await warmUp(httpPorts, monitorPort, options.maxWarmupSeconds);
      const setup: WindowSetup = { broker, monitorPort, replicas, generators, seconds: options.seconds };
      const run = figuresOf(setup, await measureWindow(setup), { devices, warmup, balanceSeconds });
      progress.line(
        `  ${devices} devices (${run.offeredPerSecond}/s offered, warm-up ${warmup.seconds} s): handled ${run.handledPerSecond}/s (ratio ${run.handledRatio}), ` +
          `CPU % per replica ${run.perReplica.map((r) => r.cpuPercent).join(' / ')} (sum ${run.replicasCpuPercent}), ` +
          `broker ${run.brokerCpuPercent}, load ${run.loadCpuPercent}` +
          [generatorShortfall(run), run.limit].map((note) => (note ? `; ${note}` : '')).join(''),
      );
      options.onRun(run);
    }
  } finally {
    for (const generator of generators.reverse()) await generator.stop();
    await Promise.all(replicas.map(({ service }) => service.stop()));
    await broker.stop();
  }
}
