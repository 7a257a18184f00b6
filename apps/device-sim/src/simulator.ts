import type { SimFaultReply, SimFaultRequest } from '@fleet/contracts';
import type { Logger } from 'pino';
import { createCameraSim } from './camera-sim';
import type { SimDevice } from './device-sim';
import { applyFault, faultState } from './faults';
import { startLineServer, type LineServer } from './line-server';
import { createSensorSim } from './sensor-sim';
import { createStageSim, type StageTiming } from './stage-sim';

/** What to simulate and where. */
export interface SimulatorOptions extends StageTiming {
  readonly cameras: number;
  readonly stages: number;
  readonly sensors?: number;
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
  /** Applies a fault request to one device and reports its faults and traffic. Never rejects. */
  fault(deviceId: string, request: SimFaultRequest): Promise<SimFaultReply>;
  close(): Promise<void>;
}

interface Served {
  info: SimDeviceInfo;
  device: SimDevice;
  server: LineServer;
}

/** Spreads sensors' drift so a dense simulator's readings do not move in lockstep. */
const SENSOR_OFFSET_STEP_MS = 7_919;

/** Starts every simulated device; on a bind failure closes those already started and rejects. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { host, basePort, log } = options;
  const plan: Array<{ deviceId: string; device: SimDevice }> = [];
  for (let i = 1; i <= options.cameras; i++) plan.push({ deviceId: `camera-${i}`, device: createCameraSim() });
  for (let i = 1; i <= options.stages; i++) {
    plan.push({ deviceId: `stage-${i}`, device: createStageSim(options, Date.now()) });
  }
  for (let i = 1; i <= (options.sensors ?? 0); i++) {
    plan.push({ deviceId: `sensor-${i}`, device: createSensorSim(i * SENSOR_OFFSET_STEP_MS) });
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
    async fault(deviceId, request) {
      const entry = served.get(deviceId);
      if (!entry) return { ok: false, error: `no simulated device "${deviceId}"` };
      try {
        await applyFault(entry, request, Date.now());
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        log.error({ deviceId, fault: request.fault, err }, 'fault request failed');
        return { ok: false, error: `${request.fault} failed: ${error}`.slice(0, 500) };
      }
      if (request.fault !== 'query') log.info({ deviceId, ...request }, 'fault applied');
      return { ok: true, deviceId, faults: faultState(entry, Date.now()), stats: entry.server.stats() };
    },
    close: closeAll,
  };
}
