import { startFleet, type Fleet, type FleetOptions } from '@fleet/fleet-runner';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { FleetClient } from '../../fleet-client';
import { NatsProbe } from './nats-probe';

/** One JSON log line of a fleet process. */
export type LogEntry = Record<string, unknown>;

function isRecord(value: unknown): value is LogEntry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A fleet for one fault spec: its own broker, the processes, a NATS probe and an operator client. */
export interface FaultFleet {
  readonly broker: TestBroker;
  readonly fleet: Fleet;
  readonly probe: NatsProbe;
  readonly operator: FleetClient;
  /** Every JSON log line, by service name (`controller`, `agent camera-1`, ...). */
  readonly logs: Map<string, LogEntry[]>;
  /** GET /metrics of the controller now running (its HTTP port changes when it restarts). */
  controllerMetricsUrl(): string;
  /** The gateway's GET /metrics. */
  gatewayMetricsUrl(): string;
  /** Closes the clients, stops every process and the broker. */
  stop(): Promise<void>;
}

/** Options of {@link startFaultFleet}: small fleets keep the suite fast on 2 cores. */
export type FaultFleetOptions = Pick<FleetOptions, 'cameras' | 'stages' | 'stepMs' | 'env'>;

/** Agents log at debug a line per poll retry; info keeps the captured logs small. */
const LOG_ENV = { FLEET_LOG_LEVEL: 'info' };

/**
 * Registers a fault fleet for the enclosing `describe`: started before its tests, stopped after
 * them. Returns an accessor for use inside the tests.
 */
export function useFaultFleet(options: FaultFleetOptions): () => FaultFleet {
  let fleet: FaultFleet | undefined;
  beforeAll(async () => {
    fleet = await startFaultFleet(options);
  }, 60_000);
  afterAll(async () => {
    await fleet?.stop();
  });
  return () => {
    if (!fleet) throw new Error('the fault fleet did not start');
    return fleet;
  };
}

/**
 * Starts a test broker enforcing the fleet's authorization and a whole fleet on it (simulator,
 * one agent process per device with its own identity, controller, gateway), an operator
 * Socket.IO client and a NATS probe (the test-only `harness` identity), and waits until the
 * client shows every device out of Offline.
 */
export async function startFaultFleet(options: FaultFleetOptions = {}): Promise<FaultFleet> {
  const logs = new Map<string, LogEntry[]>();
  let controllerHttpPort: number | undefined;
  const onLine = (service: string, line: string): void => {
    let entry: LogEntry;
    try {
      const parsed: unknown = JSON.parse(line);
      entry = isRecord(parsed) ? parsed : { raw: line };
    } catch {
      entry = { raw: line };
    }
    const list = logs.get(service) ?? [];
    list.push(entry);
    logs.set(service, list);
    // The controller listens on --http-port 0: its ready line names the port it got.
    if (service === 'controller' && entry.msg === 'ready' && typeof entry.httpPort === 'number') controllerHttpPort = entry.httpPort;
  };
  const cameras = options.cameras ?? 2;
  const stages = options.stages ?? 1;
  const devices = [...Array.from({ length: cameras }, (_, i) => `camera-${i + 1}`), ...Array.from({ length: stages }, (_, i) => `stage-${i + 1}`)];
  const broker = await startTestBroker({ devices });
  let fleet: Fleet | undefined;
  let probe: NatsProbe | undefined;
  let operator: FleetClient | undefined;
  const stop = async (): Promise<void> => {
    operator?.close();
    await probe?.close();
    await fleet?.stop();
    await broker.stop();
  };
  try {
    fleet = await startFleet({
      natsUrl: broker.url,
      credentials: broker.credentials,
      cameras,
      stages,
      stepMs: options.stepMs,
      gatewayPort: 0,
      searchPath: process.env.PATH,
      env: { ...LOG_ENV, ...options.env },
      onLine,
    });
    probe = await NatsProbe.connect(broker);
    operator = new FleetClient(fleet.gatewayUrl);
    const ids = fleet.devices.map((d) => d.deviceId);
    // Settled: known to the controller, link up, and neither Offline nor Fault (an agent may
    // still be connecting to its device when the controller first hears of it).
    await waitFor(
      'every device settled (not Offline or Fault, link up) at the client',
      () =>
        ids.every((id) => {
          const state = operator?.stateOf(id) ?? 'Offline';
          return state !== 'Offline' && state !== 'Fault' && operator?.statuses.get(id)?.link === 'up';
        }),
      { timeoutMs: 20_000 },
    );
    // The simulator subscribes to its fault subject in the background after it is ready.
    await waitFor('the simulator fault control', () => probe?.simFault(ids[0] ?? '', { fault: 'query' }), { timeoutMs: 10_000 });
    const running = fleet;
    const gatewayUrl = running.gatewayUrl;
    return {
      broker,
      fleet: running,
      probe,
      operator,
      logs,
      controllerMetricsUrl: () => {
        if (controllerHttpPort === undefined) throw new Error('the controller has not logged its httpPort');
        return `http://127.0.0.1:${controllerHttpPort}/metrics`;
      },
      gatewayMetricsUrl: () => `${gatewayUrl}/metrics`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The agent service of `deviceId`. */
export function agentOf(fleet: Fleet, deviceId: string): Fleet['devices'][number]['agent'] {
  const device = fleet.devices.find((d) => d.deviceId === deviceId);
  if (!device) throw new Error(`no device ${deviceId} in this fleet`);
  return device.agent;
}
