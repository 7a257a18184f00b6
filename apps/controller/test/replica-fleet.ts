import { freePortRange } from '@fleet/fleet-runner';
import { SimFaultReplySchema, subjects } from '@fleet/contracts';
import { startApp, type AppProcess } from '@fleet/test-support';
import type { NatsConnection } from '@nats-io/transport-node';
import { startController, type ControllerProcess } from './controller-process';

/** Cameras on one simulator, driven by one dense agent: the devices of the replica tests. */
export interface CameraFleet {
  readonly ids: readonly string[];
  /** Hardware lines the simulator received for `deviceId`, by command word. */
  hardwareCounts(nc: NatsConnection, deviceId: string): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts `count` simulated cameras (`camera-1` ...) and one agent process serving them all. */
export async function startCameraFleet(natsUrl: string, count: number): Promise<CameraFleet> {
  const base = await freePortRange(count);
  const ids = Array.from({ length: count }, (_, i) => `camera-${i + 1}`);
  const sim = await startApp('sim', ['--cameras', String(count), '--stages', '0', '--base-port', String(base), '--nats-url', natsUrl]);
  let agent: AppProcess;
  try {
    const devices = ids.map((id, i) => `${id}=camera@${base + i}`).join(',');
    agent = await startApp('agent', ['--devices', devices, '--nats-url', natsUrl]);
  } catch (err) {
    await sim.service.stop();
    throw err;
  }
  return {
    ids,
    hardwareCounts: async (nc, deviceId) => {
      const reply = SimFaultReplySchema.parse((await nc.request(subjects.simFault(deviceId), JSON.stringify({ fault: 'query' }), { timeout: 2000 })).json());
      if (!reply.ok) throw new Error(`simulator query failed: ${reply.error}`);
      return reply.stats.commands;
    },
    stop: async () => {
      await agent.service.stop();
      await sim.service.stop();
    },
  };
}

/** Starts a controller replica on a partitioned broker. */
export function startReplica(natsUrl: string, replicaId: string, extra: string[] = []): Promise<ControllerProcess> {
  return startController(['--nats-url', natsUrl, '--replica-id', replicaId, '--lease-ms', '1000', '--step-ms', '200', ...extra]);
}

/** One gauge or counter value (summed over labels) from a controller's /metrics. */
export async function metricValue(controller: ControllerProcess, name: string): Promise<number> {
  const text = await (await fetch(`${controller.httpUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}
