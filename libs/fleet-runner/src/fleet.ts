import type { NatsAuthFiles } from '@fleet/app-config';
import { DEFAULT_PARTITIONS } from '@fleet/contracts';
import { agentName, fleetIdentities, natsAuthArgs, natsAuthOptions, type Identity, type NatsAuthOptions } from '@fleet/nats-auth';
import { freePort, type NatsCluster, type NatsServerHandle } from '@fleet/nats-server';
import { appEntry } from './app-entries';
import { boundedMap } from './bounded-map';
import { controllerSpecs } from './controller-specs';
import { freePortRange } from './free-port-range';
import { startLocalBroker, type LocalBroker } from './local-broker';
import { natsServers } from './nats-servers';
import { startService, type Service, type StartServiceOptions, type SupervisionOptions } from './service';

/** What to run. Every field has a default suited to a laptop. */
export interface FleetOptions {
  /**
   * Use this broker instead of starting one: one URL or a comma-separated list (a cluster's
   * nodes). The fleet then applies no partition mapping: the broker must carry it already.
   */
  natsUrl?: string;
  /**
   * The credential files of each identity on the given broker (`natsUrl`), e.g. a test broker's
   * `credentials`: `controller`, `gateway`, `sim` and `agent-<deviceId>`. A local broker makes its own.
   */
  credentials?: (identity: string) => NatsAuthFiles;
  /** Also create the `harness` identity (may do anything) on the local broker: for tests and the bench, never a deployment. */
  harness?: boolean;
  /** Controller replicas (default {@link DEFAULT_CONTROLLERS}), each owning a share of the partitions. */
  controllers?: number;
  /** Nodes of the broker started when there is no `natsUrl`: 1 (default) or a local cluster (3). */
  natsNodes?: number;
  /** Partitions of the broker mapping and the controllers; default `DEFAULT_PARTITIONS`. */
  partitions?: number;
  /** JetStream replicas of the controllers' buckets and stream; default: the nodes started, else 1. */
  kvReplicas?: number;
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
  /**
   * Restart every app that dies after it was ready (not the broker). Off by default: fault tests
   * kill processes and expect them to stay dead.
   */
  supervise?: SupervisionOptions;
  /**
   * Run every process, the broker's too, in its own process group, so that a terminal's Ctrl-C
   * reaches only the caller, which then calls `stop()` (apps first, then the broker). Only for a
   * caller that stops the fleet on its signals, like the launcher.
   */
  ownProcessGroups?: boolean;
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
  /** What the processes got as `--nats-url`: one URL or a comma-separated list. */
  natsUrl: string;
  /** The same servers as a list, for a client's `connect({ servers })`. */
  natsServers: string[];
  /** The credential files of an identity (`harness` for test tooling); none on an open broker. */
  authFiles(identity: string): NatsAuthFiles;
  /** `connect()` options for an identity: the servers, its authenticator and TLS. */
  connectionOptions(identity: string): { servers: string[] } & NatsAuthOptions;
  /** The single broker this fleet started, if it started one server. */
  broker: NatsServerHandle | undefined;
  /** The cluster this fleet started, if it started more than one node. */
  cluster: NatsCluster | undefined;
  gatewayUrl: string;
  sim: Service;
  /** The first controller (the only one unless `controllers` > 1). */
  controller: Service;
  /** Every controller replica, `controller-1` first. */
  controllers: Service[];
  gateway: Service;
  devices: FleetDevice[];
  /**
   * Stops everything, each app with SIGTERM and waiting for its exit: the agents first (their
   * goodbyes still reach the broker), then the gateway, the controllers, the simulator, and last
   * the broker, which every app needs to drain.
   */
  stop(): Promise<void>;
}

export const DEFAULT_CAMERAS = 3;
export const DEFAULT_STAGES = 2;
export const DEFAULT_SENSORS = 0;
export const DEFAULT_STATUS_HZ = 10;
/** One controller owns every partition unless more replicas are asked for. */
export const DEFAULT_CONTROLLERS = 1;
/** One broker process unless a local cluster is asked for. */
export const DEFAULT_NATS_NODES = 1;
/** Agent processes booting at once; more only makes each slower on a small machine. */
const AGENT_START_CONCURRENCY = 8;
const AGENT_READY_TIMEOUT_MS = 30_000;
/** The identity of the one agent process of a dense fleet: every device's rights. */
const DENSE_AGENT = 'agent-dense';
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
 * Brings up a local fleet: a broker with the partition mapping (unless `natsUrl`), the
 * simulator, the controllers, the gateway and one agent process per simulated device. Resolves
 * when all are ready.
 */
export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const cameras = options.cameras ?? DEFAULT_CAMERAS;
  const stages = options.stages ?? DEFAULT_STAGES;
  const sensors = options.sensors ?? DEFAULT_SENSORS;
  const statusHz = options.statusHz ?? DEFAULT_STATUS_HZ;
  const partitions = options.partitions ?? DEFAULT_PARTITIONS;
  const natsNodes = options.natsNodes ?? DEFAULT_NATS_NODES;
  const controllerCount = options.controllers ?? DEFAULT_CONTROLLERS;
  if (!Number.isInteger(controllerCount) || controllerCount < 1) throw new RangeError(`a fleet needs at least one controller, got ${controllerCount}`);
  const started: Service[] = [];
  const planned = simulatedDevices(cameras, stages, sensors, 0);
  const identities: Identity[] = [
    ...fleetIdentities(planned.map((d) => d.deviceId), { harness: options.harness }),
    { role: 'agent', name: DENSE_AGENT, devices: planned.map((d) => d.deviceId) },
  ];
  const local: LocalBroker | undefined = options.natsUrl
    ? undefined
    : await startLocalBroker({ nodes: natsNodes, partitions, searchPath: options.searchPath, ownProcessGroup: options.ownProcessGroups, identities });
  const authFiles = (identity: string): NatsAuthFiles => (local?.credentials ? local.credentials.filesFor(identity) : (options.credentials?.(identity) ?? {}));
  const authArgs = (identity: string): string[] => natsAuthArgs(authFiles(identity));
  const servers = local ? [...local.servers] : natsServers(options.natsUrl ?? '');
  const natsUrl = servers.join(',');
  const kvReplicas = options.kvReplicas ?? (local ? natsNodes : 1);
  const base: StartServiceOptions = {
    onLine: options.onLine,
    baseEnv: { PATH: options.searchPath, ...options.env },
    supervise: options.supervise,
    ownProcessGroup: options.ownProcessGroups,
  };
  const run = async (...args: Parameters<typeof startService>): Promise<Service> => {
    const service = await startService(...args);
    started.push(service);
    return service;
  };
  const stopAll = async (): Promise<void> => {
    const agents = started.filter((s) => s.name.startsWith('agent '));
    await Promise.all(agents.map((s) => s.stop()));
    for (const s of started.filter((x) => !agents.includes(x)).reverse()) await s.stop();
    await local?.stop();
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
          '--base-port', String(simBasePort), '--nats-url', natsUrl, ...authArgs('sim'),
        ],
      },
      base,
    );
    const controllers: Service[] = [];
    const plan = { count: controllerCount, partitions, kvReplicas, natsUrl, stepMs: options.stepMs, authArgs: authArgs('controller') };
    // One after the other: each replica's start-up (buckets, stream, partition probe) then sees its predecessors.
    for (const spec of controllerSpecs(plan)) controllers.push(await run(spec, base));
    const [controller] = controllers;
    if (!controller) throw new RangeError('no controller started');
    const gateway = await run(
      {
        name: 'gateway',
        entry: appEntry('gateway'),
        args: ['--nats-url', natsUrl, ...authArgs('gateway'), '--port', String(gatewayPort), '--tokens', options.tokens ?? DEFAULT_DEV_TOKENS],
      },
      base,
    );
    const fleet = {
      natsUrl,
      natsServers: servers,
      authFiles,
      connectionOptions: (identity: string) => ({ servers, ...natsAuthOptions(authFiles(identity)) }),
      broker: local?.server,
      cluster: local?.cluster,
      gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
      sim,
      controller,
      controllers,
      gateway,
      stop: stopAll,
    };
    const devicePorts = simulatedDevices(cameras, stages, sensors, simBasePort);
    if (options.agentMode === 'dense') {
      const devicesArg = devicePorts.map((d) => `${d.deviceId}=${d.kind}@${d.port}`).join(',');
      const agent = await run(
        {
          name: 'agent dense',
          entry: appEntry('agent'),
          args: ['--devices', devicesArg, '--status-hz', String(statusHz), '--nats-url', natsUrl, ...authArgs(DENSE_AGENT)],
        },
        base,
      );
      return { ...fleet, devices: devicePorts.map((d) => ({ ...d, agent })) };
    }
    // Hundreds of Node processes starting at once on a small machine each take seconds to boot;
    // a few at a time, they are all up sooner and none misses its ready deadline.
    const devices = await boundedMap(devicePorts, AGENT_START_CONCURRENCY, async (d) => ({
      ...d,
      agent: await run(
        {
          name: `agent ${d.deviceId}`,
          entry: appEntry('agent'),
          args: [
            '--device-id', d.deviceId, '--kind', d.kind, '--device-port', String(d.port),
            '--status-hz', String(statusHz), '--nats-url', natsUrl, ...authArgs(agentName(d.deviceId)),
          ],
        },
        { ...base, readyTimeoutMs: AGENT_READY_TIMEOUT_MS },
      ),
    }));
    return { ...fleet, devices };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
