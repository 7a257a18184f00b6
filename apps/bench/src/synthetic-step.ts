import { DEFAULT_PARTITIONS } from '@fleet/contracts';
import { appEntry, startService, type Service } from '@fleet/fleet-runner';
import { freePort } from '@fleet/nats-server';
import { join } from 'node:path';
import { brokerLine, credentialArgs, startBenchBroker } from './bench-broker';
import { MeasuringClient, summarise, type LatencySummary } from './measuring-client';
import { ProcessGroup, type RoleFigures } from './process-group';
import type { Progress } from './progress';
import { round } from './stats';

/** What one synthetic-load step measures. */
export interface SyntheticStepResult {
  kind: 'synthetic';
  devices: number;
  seconds: number;
  client: { deliveryRatio: number; received: number; expected: number; latencyMs: LatencySummary; batchesPerSecond: number };
  roles: Record<string, RoleFigures>;
  limit: string | null;
}

/** Options of one synthetic step. */
export interface SyntheticStepOptions {
  devices: number;
  seconds: number;
  token: string | undefined;
  gatewayArgs: readonly string[];
  controllerArgs: readonly string[];
  searchPath: string | undefined;
  progress: Progress;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Controller and gateway under a load generator that publishes valid status for `devices`
 * virtual devices at 10 Hz straight to NATS: the ceilings of the two services.
 */
export async function runSyntheticStep(options: SyntheticStepOptions): Promise<SyntheticStepResult> {
  const { progress } = options;
  progress.line(`synthetic ${options.devices} devices: starting`);
  const broker = await startBenchBroker({ partitions: DEFAULT_PARTITIONS, searchPath: options.searchPath });
  const url = broker.servers.join(',');
  progress.line(brokerLine(url));
  const services: Service[] = [];
  const baseEnv = { PATH: options.searchPath, FLEET_LOG_LEVEL: 'warn' };
  const client: { current?: MeasuringClient } = {};
  try {
    const controller = await startService(
      { name: 'controller', entry: appEntry('controller'), args: ['--nats-url', url, ...credentialArgs(broker, 'controller'), '--partitions', String(DEFAULT_PARTITIONS), ...options.controllerArgs] },
      { baseEnv },
    );
    services.push(controller);
    const port = await freePort();
    const gateway = await startService(
      { name: 'gateway', entry: appEntry('gateway'), args: ['--nats-url', url, ...credentialArgs(broker, 'gateway'), '--port', String(port), ...options.gatewayArgs] },
      { baseEnv },
    );
    services.push(gateway);
    const generator = await startService(
      {
        name: 'load',
        entry: join(__dirname, 'load-generator.js'),
        args: ['--nats-url', url, ...credentialArgs(broker, 'load'), '--devices', String(options.devices)],
      },
      { baseEnv },
    );
    services.push(generator);
    const measuring = new MeasuringClient(`http://127.0.0.1:${port}`, options.token);
    client.current = measuring;
    await sleep(4000);
    measuring.resetWindow();
    const pid = (s: Service): number[] => {
      const p = s.pid();
      return p === undefined ? [] : [p];
    };
    const group = new ProcessGroup(() => {
      const brokerPid = broker.server?.pid();
      return new Map([
        ['broker', brokerPid === undefined ? [] : [brokerPid]],
        ['controller', pid(controller)],
        ['gateway', pid(gateway)],
        ['load', pid(generator)],
      ]);
    });
    await group.begin();
    await sleep(options.seconds * 1000);
    const roles = await group.end();
    const totals = measuring.delivery.totals();
    const latencyMs = summarise(measuring.latency);
    const deliveryRatio = round(measuring.delivery.ratio(), 4);
    const limits = [
      totals.devices < options.devices ? `client saw ${totals.devices} of ${options.devices} devices` : '',
      deliveryRatio < 0.999 ? `client delivery ${deliveryRatio} < 0.999` : '',
      latencyMs.p99 > 200 ? `p99 latency ${latencyMs.p99} ms > 200 ms` : '',
    ].filter(Boolean);
    progress.line(`  done: ratio ${deliveryRatio}, p99 ${latencyMs.p99} ms, controller ${roles.controller?.cpuPercent}% CPU, gateway ${roles.gateway?.cpuPercent}% CPU`);
    return {
      kind: 'synthetic',
      devices: options.devices,
      seconds: options.seconds,
      client: { deliveryRatio, received: totals.received, expected: totals.expected, latencyMs, batchesPerSecond: round(measuring.batches / options.seconds) },
      roles,
      limit: limits.length ? limits.join('; ') : null,
    };
  } finally {
    client.current?.close();
    for (const s of services.reverse()) await s.stop();
    await broker.stop();
  }
}
