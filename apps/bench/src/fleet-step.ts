import { startFleet, type Fleet, type Service } from '@fleet/fleet-runner';
import { brokerLine } from './bench-broker';
import { MeasuringClient, latencyHistogram, summarise, type LatencySummary } from './measuring-client';
import { ProcessGroup, type RoleFigures } from './process-group';
import type { Progress } from './progress';
import { median, round } from './stats';

/** What one fleet step measures. */
export interface FleetStepResult {
  kind: 'fleet';
  devices: number;
  agentMode: 'process' | 'dense';
  seconds: number;
  client: { deliveryRatio: number; received: number; expected: number; latencyMs: LatencySummary; batchesPerSecond: number };
  roles: Record<string, RoleFigures>;
  offlineDetectionMs: number[];
  commandRttMs: LatencySummary;
  fanout: { clients: number; deliveryRatioMin: number; latencyP99MaxMs: number; gatewayCpuPercent: number } | null;
  /** Why the step is judged not to hold, or null. */
  limit: string | null;
}

/** Options of one step. */
export interface FleetStepOptions {
  devices: number;
  agentMode: 'process' | 'dense';
  seconds: number;
  fanoutClients: number;
  token: string | undefined;
  searchPath: string | undefined;
  progress: Progress;
}

const STEP_MS = 200;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function rolesOf(fleet: Fleet): () => Map<string, number[]> {
  const pid = (s: Service): number[] => {
    const p = s.pid();
    return p === undefined ? [] : [p];
  };
  return () => {
    const agents = [...new Set(fleet.devices.map((d) => d.agent))];
    const brokerPid = fleet.broker?.pid();
    return new Map([
      ['broker', brokerPid === undefined ? [] : [brokerPid]],
      ['controller', pid(fleet.controller)],
      ['gateway', pid(fleet.gateway)],
      ['sim', pid(fleet.sim)],
      ['agents', agents.flatMap(pid)],
    ]);
  };
}

/** Below the gateway's per-client command rate limit (5/s by default), so none is refused for pacing. */
const COMMAND_SPACING_MS = 300;

/** Round trips of accepted camera commands (client -> gateway -> controller -> agent -> device -> ack). */
async function measureCommands(client: MeasuringClient, cameraId: string, until: number): Promise<LatencySummary> {
  const histogram = latencyHistogram();
  while (Date.now() < until) {
    for (const command of ['start', 'stop']) {
      const sent = performance.now();
      const reply = await client.command({ deviceId: cameraId, command }).catch(() => undefined);
      const accepted = reply !== undefined && 'data' in reply && reply.data.accepted;
      if (accepted) histogram.recordValue(Math.max(1, (performance.now() - sent) * 1000));
      await sleep(COMMAND_SPACING_MS);
      // After an accepted stop, let the camera's saving step end before the next start; bounded,
      // so a lost state update can never stall the benchmark.
      if (accepted && command === 'stop') await Promise.race([client.whenState(cameraId, 'Idle'), sleep(5000)]);
    }
  }
  return summarise(histogram);
}

async function measureOffline(fleet: Fleet, client: MeasuringClient, count: number): Promise<number[]> {
  const victims = fleet.devices.slice(-count);
  const agents = [...new Set(victims.map((d) => d.agent))];
  const killedAt = Date.now();
  const shown = Promise.all(victims.map((d) => client.whenState(d.deviceId, 'Offline')));
  await Promise.all(agents.map((a) => a.kill()));
  const times = await Promise.race([shown, sleep(5000).then(() => [] as number[])]);
  return times.map((t) => t - killedAt);
}

async function measureFanout(fleet: Fleet, options: FleetStepOptions, seconds: number): Promise<FleetStepResult['fanout']> {
  const clients = Array.from({ length: options.fanoutClients }, () => new MeasuringClient(fleet.gatewayUrl, options.token));
  await sleep(2000);
  for (const c of clients) c.resetWindow();
  const group = new ProcessGroup(() => new Map([['gateway', [fleet.gateway.pid() ?? 0]]]));
  await group.begin();
  await sleep(seconds * 1000);
  const figures = await group.end();
  const result = {
    clients: clients.length,
    deliveryRatioMin: round(Math.min(...clients.map((c) => c.delivery.ratio())), 4),
    latencyP99MaxMs: Math.max(...clients.map((c) => summarise(c.latency).p99)),
    gatewayCpuPercent: figures.gateway?.cpuPercent ?? 0,
  };
  for (const c of clients) c.close();
  return result;
}

/**
 * One step of the scale curve: a real fleet of `devices` devices, a measuring client, then
 * agent kills for Offline detection and a fan-out window with many clients.
 */
export async function runFleetStep(options: FleetStepOptions): Promise<FleetStepResult> {
  const { devices, progress } = options;
  const cameras = Math.max(1, Math.ceil(devices * 0.6));
  progress.line(`fleet ${devices} devices (${options.agentMode}): starting`);
  const fleet = await startFleet({
    cameras,
    stages: devices - cameras,
    gatewayPort: 0,
    stepMs: STEP_MS,
    searchPath: options.searchPath,
    env: { FLEET_LOG_LEVEL: 'warn' },
    ...(options.agentMode === 'dense' ? { agentMode: 'dense' as const } : {}),
  });
  // startFleet locks its broker like `npm start`: every app connects with its own identity's key.
  progress.line(brokerLine(fleet.natsUrl));
  const client = new MeasuringClient(fleet.gatewayUrl, options.token);
  try {
    const online = fleet.devices.map((d) => client.whenState(d.deviceId, d.kind === 'camera' ? 'Idle' : 'Unhomed'));
    await Promise.race([Promise.all(online), sleep(30_000)]);
    await sleep(2000);
    client.resetWindow();
    const group = new ProcessGroup(rolesOf(fleet));
    await group.begin();
    const started = Date.now();
    const until = started + options.seconds * 1000;
    const commands = measureCommands(client, 'camera-1', until);
    const ticker = setInterval(() => {
      const t = client.delivery.totals();
      progress.line(`  ${Math.round((Date.now() - started) / 1000)} s: ${t.received} statuses, ratio ${round(client.delivery.ratio(), 4)}, p99 ${summarise(client.latency).p99} ms`);
    }, 10_000);
    await sleep(options.seconds * 1000);
    clearInterval(ticker);
    const roles = await group.end();
    const commandRttMs = await commands;
    const totals = client.delivery.totals();
    const latencyMs = summarise(client.latency);
    const clientFigures = {
      deliveryRatio: round(client.delivery.ratio(), 4),
      received: totals.received,
      expected: totals.expected,
      latencyMs,
      batchesPerSecond: round(client.batches / options.seconds),
    };
    progress.line(`  fan-out with ${options.fanoutClients} clients`);
    const fanout = options.fanoutClients > 0 ? await measureFanout(fleet, options, Math.max(3, options.seconds / 3)) : null;
    const offlineDetectionMs = await measureOffline(fleet, client, Math.min(3, Math.max(1, Math.floor(devices / 10))));
    const limits = [
      clientFigures.deliveryRatio < 0.999 ? `client delivery ${clientFigures.deliveryRatio} < 0.999` : '',
      latencyMs.p99 > 150 ? `p99 latency ${latencyMs.p99} ms > 150 ms` : '',
      offlineDetectionMs.length === 0 || Math.max(...offlineDetectionMs) > 500 ? 'Offline detection > 500 ms' : '',
      (roles.controller?.cpuPercent ?? 0) > 100 ? 'controller > 1 core' : '',
    ].filter(Boolean);
    progress.line(
      `  done: ratio ${clientFigures.deliveryRatio}, p99 ${latencyMs.p99} ms, offline ${round(median(offlineDetectionMs), 0)} ms, cmd p50 ${commandRttMs.p50} ms`,
    );
    return {
      kind: 'fleet',
      devices,
      agentMode: options.agentMode,
      seconds: options.seconds,
      client: clientFigures,
      roles,
      offlineDetectionMs,
      commandRttMs,
      fanout,
      limit: limits.length ? limits.join('; ') : null,
    };
  } finally {
    client.close();
    await fleet.stop();
  }
}
