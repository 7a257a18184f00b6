import type { Logger } from 'pino';
import { createCameraSim } from './camera-sim';
import type { SimDevice } from './device-sim';
import { startLineServer, type LineServer } from './line-server';
import { createStageSim, type StageTiming } from './stage-sim';

/** What to simulate and where. */
export interface SimulatorOptions extends StageTiming {
  readonly cameras: number;
  readonly stages: number;
  /** First port; devices take consecutive ports. 0 gives every device its own free port. */
  readonly basePort: number;
  readonly host: string;
  readonly log: Logger;
}

/** A device being served. */
export interface SimDeviceInfo {
  readonly deviceId: string;
  readonly kind: SimDevice['kind'];
  readonly host: string;
  readonly port: number;
}

/** A running simulator. */
export interface Simulator {
  readonly devices: readonly SimDeviceInfo[];
  /** Hardware lines received by a device, by command word (`''` = empty line); `{}` for an unknown id. */
  counts(deviceId: string): Record<string, number>;
  /** Puts a device into its fault state (stage `fault`, camera `unknown`); false for an unknown id. */
  injectFault(deviceId: string): boolean;
  close(): Promise<void>;
}

interface Served {
  info: SimDeviceInfo;
  device: SimDevice;
  server: LineServer;
}

/** Starts every simulated device; on a bind failure closes those already started and rejects. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { host, basePort, log } = options;
  const plan: Array<{ deviceId: string; device: SimDevice }> = [];
  for (let i = 1; i <= options.cameras; i++) plan.push({ deviceId: `camera-${i}`, device: createCameraSim() });
  for (let i = 1; i <= options.stages; i++) {
    plan.push({ deviceId: `stage-${i}`, device: createStageSim(options, Date.now()) });
  }

  const served = new Map<string, Served>();
  const closeAll = async (): Promise<void> => {
    await Promise.all([...served.values()].map((s) => s.server.close()));
  };
  try {
    for (const [index, { deviceId, device }] of plan.entries()) {
      const port = basePort === 0 ? 0 : basePort + index;
      const server = await startLineServer(device, host, port, log.child({ deviceId }));
      served.set(deviceId, { info: { deviceId, kind: device.kind, host, port: server.port }, device, server });
    }
  } catch (err) {
    await closeAll();
    throw err;
  }

  return {
    devices: [...served.values()].map((s) => s.info),
    counts: (deviceId) => served.get(deviceId)?.server.counts() ?? {},
    injectFault: (deviceId) => {
      const entry = served.get(deviceId);
      entry?.device.injectFault(Date.now());
      return entry !== undefined;
    },
    close: closeAll,
  };
}
