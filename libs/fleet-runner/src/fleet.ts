import { freePort, startNatsServer, type NatsServerHandle } from '@fleet/nats-server';
import { appEntry } from './app-entries';
import { boundedMap } from './bounded-map';
import { freePortRange } from './free-port-range';
import { startService, type Service, type StartServiceOptions } from './service';

/** What to run. Every field has a default suited to a laptop. */
export interface FleetOptions {
  /** Use this broker instead of starting one. */
  natsUrl?: string;
  cameras?: number;
  stages?: number;
  /** Simulated temperature sensors (`sensor-1..N`); default 0. */
  sensors?: number;
  /** `process` (default): one agent process per device; `dense`: one agent process hosting every device. */
  agentMode?: 'process' | 'dense';
  /** Gateway HTTP/Socket.IO port; 0 picks a free one. */
  gatewayPort?: number;
  statusHz?: number;
  /** Length of timed steps (e.g. SavingImages); default: the kinds' own. */
  stepMs?: number;
  /** PATH used to find nats-server. */
  searchPath?: string;
  /** Environment passed to every process (e.g. FLEET_LOG_LEVEL). */
  env?: Readonly<Record<string, string>>;
  onLine?: StartServiceOptions['onLine'];
  /** Gateway tokens, `user:role:secret,...`; default {@link DEFAULT_DEV_TOKENS}. */
  tokens?: string;
}

/** One simulated device and its agent. */
export interface FleetDevice {
  deviceId: string;
  kind: string;
  port: number;
  agent: Service;
}

/** A running fleet. */
export interface Fleet {
  natsUrl: string;
  /** The broker this fleet started, if it started one. */
  broker: NatsServerHandle | undefined;
  gatewayUrl: string;
  sim: Service;
  controller: Service;
  gateway: Service;
  devices: FleetDevice[];
  /** Stops everything, agents first so their goodbyes still reach the broker. */
  stop(): Promise<void>;
}

export const DEFAULT_CAMERAS = 3;
export const DEFAULT_STAGES = 2;
export const DEFAULT_SENSORS = 0;
export const DEFAULT_STATUS_HZ = 10;
/** Agent processes booting at once; more only makes each slower on a small machine. */
const AGENT_START_CONCURRENCY = 8;
const AGENT_READY_TIMEOUT_MS = 30_000;
/** Secrets of the local fleet's dev tokens: for a laptop and tests only, never a deployment. */
export const DEV_OPERATOR_TOKEN = 'dev-operator';
export const DEV_VIEWER_TOKEN = 'dev-viewer';
/** The gateway tokens `startFleet` uses unless told otherwise: user `operator` and user `viewer`. */
export const DEFAULT_DEV_TOKENS = `operator:operator:${DEV_OPERATOR_TOKEN},viewer:viewer:${DEV_VIEWER_TOKEN}`;

function simulatedDevices(cameras: number, stages: number, sensors: number, basePort: number): Array<Omit<FleetDevice, 'agent'>> {
  const ids = [
    ...Array.from({ length: cameras }, (_, i) => ({ deviceId: `camera-${i + 1}`, kind: 'camera' })),
    ...Array.from({ length: stages }, (_, i) => ({ deviceId: `stage-${i + 1}`, kind: 'stage' })),
    ...Array.from({ length: sensors }, (_, i) => ({ deviceId: `sensor-${i + 1}`, kind: 'sensor' })),
  ];
  return ids.map((d, i) => ({ ...d, port: basePort + i }));
}

/**
 * Brings up a local fleet: a broker (unless `natsUrl`), the simulator, the controller, the
 * gateway and one agent process per simulated device. Resolves when all are ready.
 */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const cameras = options.cameras ?? DEFAULT_CAMERAS;
  const stages = options.stages ?? DEFAULT_STAGES;
  const sensors = options.sensors ?? DEFAULT_SENSORS;
  const statusHz = options.statusHz ?? DEFAULT_STATUS_HZ;
  const started: Service[] = [];
  const broker = options.natsUrl ? undefined : await startNatsServer({ searchPath: options.searchPath });
  const natsUrl = options.natsUrl ?? broker?.url ?? '';
  const base = { onLine: options.onLine, baseEnv: { PATH: options.searchPath, ...options.env } };
  const run = async (...args: Parameters<typeof startService>): Promise<Service> => {
    const service = await startService(...args);
    started.push(service);
    return service;
  };
  const stopAll = async (): Promise<void> => {
    const agents = started.filter((s) => s.name.startsWith('agent '));
    await Promise.all(agents.map((s) => s.stop()));
    for (const s of started.filter((x) => !agents.includes(x)).reverse()) await s.stop();
    await broker?.stop();
  };

  try {
    const simBasePort = await freePortRange(cameras + stages + sensors);
    const gatewayPort = options.gatewayPort || (await freePort());
    const sim = await run(
      {
        name: 'sim',
        entry: appEntry('sim'),
        args: [
          '--cameras', String(cameras), '--stages', String(stages), '--sensors', String(sensors),
          '--base-port', String(simBasePort), '--nats-url', natsUrl,
        ],
      },
      base,
    );
    const controllerArgs = ['--nats-url', natsUrl, '--http-port', '0', ...(options.stepMs ? ['--step-ms', String(options.stepMs)] : [])];
    const controller = await run({ name: 'controller', entry: appEntry('controller'), args: controllerArgs }, base);
    const gateway = await run(
      {
        name: 'gateway',
        entry: appEntry('gateway'),
        args: ['--nats-url', natsUrl, '--port', String(gatewayPort), '--tokens', options.tokens ?? DEFAULT_DEV_TOKENS],
      },
      base,
    );
    const planned = simulatedDevices(cameras, stages, sensors, simBasePort);
    if (options.agentMode === 'dense') {
      const devicesArg = planned.map((d) => `${d.deviceId}=${d.kind}@${d.port}`).join(',');
      const agent = await run(
        {
          name: 'agent dense',
          entry: appEntry('agent'),
          args: ['--devices', devicesArg, '--status-hz', String(statusHz), '--nats-url', natsUrl],
        },
        base,
      );
      const devices = planned.map((d) => ({ ...d, agent }));
      return { natsUrl, broker, gatewayUrl: `http://127.0.0.1:${gatewayPort}`, sim, controller, gateway, devices, stop: stopAll };
    }
    // Hundreds of Node processes starting at once on a small machine each take seconds to boot;
    // a few at a time, they are all up sooner and none misses its ready deadline.
    const devices = await boundedMap(planned, AGENT_START_CONCURRENCY, async (d) => ({
      ...d,
      agent: await run(
        {
          name: `agent ${d.deviceId}`,
          entry: appEntry('agent'),
          args: [
            '--device-id', d.deviceId, '--kind', d.kind, '--device-port', String(d.port),
            '--status-hz', String(statusHz), '--nats-url', natsUrl,
          ],
        },
        { ...base, readyTimeoutMs: AGENT_READY_TIMEOUT_MS },
      ),
    }));
    return { natsUrl, broker, gatewayUrl: `http://127.0.0.1:${gatewayPort}`, sim, controller, gateway, devices, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
