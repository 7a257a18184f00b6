import { freePortRange } from '@fleet/fleet-runner';
import { ControlCommandReplySchema, SimFaultReplySchema, commandOutcomeOf, subjects } from '@fleet/contracts';
import { startApp, type AppProcess, type BrokerAccess } from '@fleet/test-support';
import type { NatsConnection } from '@nats-io/transport-node';
import { startController, type ControllerProcess } from './controller-process';
import type { TestClient } from './test-client';

/** Cameras on one simulator, driven by one dense agent: the devices of the replica tests. */
export interface CameraFleet {
  readonly ids: readonly string[];
  /** Hardware lines the simulator received for `deviceId`, by command word. */
  hardwareCounts(nc: NatsConnection, deviceId: string): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** Starts `count` simulated cameras (`camera-1` ...) and one agent process serving them all (role-wide agent rights), with `agentArgs` added. */
export async function startCameraFleet(broker: BrokerAccess, count: number, agentArgs: readonly string[] = []): Promise<CameraFleet> {
  const base = await freePortRange(count);
  const ids = Array.from({ length: count }, (_, i) => `camera-${i + 1}`);
  const sim = await startApp('sim', ['--cameras', String(count), '--stages', '0', '--base-port', String(base), ...broker.appArgs('sim')]);
  let agent: AppProcess;
  try {
    const devices = ids.map((id, i) => `${id}=camera@${base + i}`).join(',');
    agent = await startApp('agent', ['--devices', devices, ...broker.appArgs('agent-pool'), ...agentArgs]);
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
export function startReplica(broker: BrokerAccess, replicaId: string, extra: string[] = []): Promise<ControllerProcess> {
  return startController([...broker.appArgs('controller'), '--replica-id', replicaId, '--lease-ms', '1000', '--step-ms', '200', ...extra]);
}

/** One gauge or counter value from a controller's /metrics, summed over the label sets containing `labels` (all by default). */
export async function metricValue(controller: ControllerProcess, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${controller.httpUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    if ((line.startsWith(`${name} `) || line.startsWith(`${name}{`)) && line.includes(labels)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** How a command ended for the operator (`in-doubt`: sent, but whether it ran is unknown). */
export type Outcome = 'accepted' | 'refused' | 'in-doubt' | 'unanswered';

/** Sends one command until it gets an answer, with the same requestId every time, as an operator tool would. */
export async function commandUntilAnswered(client: TestClient, deviceId: string, command: string, requestId: string): Promise<Outcome> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const reply = ControlCommandReplySchema.safeParse(await client.command(deviceId, command, requestId).catch(() => undefined));
    if (reply.success) return commandOutcomeOf(reply.data);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return 'unanswered';
}


/** One operator command and how it ended. */
export interface CommandRecord {
  readonly deviceId: string;
  readonly command: string;
  readonly outcome: Outcome;
}

/** Commands flowing to every camera (start, abort, pause; again) until `stop()`, which returns what happened. */
export function startCommandLoad(client: TestClient, ids: readonly string[]): { stop(): Promise<CommandRecord[]> } {
  const records: CommandRecord[] = [];
  let running = true;
  const drive = async (deviceId: string): Promise<void> => {
    for (let n = 0; running; n++) {
      for (const command of ['start', 'abort']) {
        const outcome = await commandUntilAnswered(client, deviceId, command, `load-${deviceId}-${n}-${command}`);
        records.push({ deviceId, command, outcome });
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const drivers = ids.map((id) => drive(id));
  return {
    stop: async () => {
      running = false;
      await Promise.all(drivers);
      return records;
    },
  };
}

/** Hardware lines per camera now, to compare with after a load. */
export async function hardwareBaseline(fleet: CameraFleet, client: TestClient): Promise<Map<string, Record<string, number>>> {
  return new Map(await Promise.all(fleet.ids.map(async (id) => [id, await fleet.hardwareCounts(client.nc, id)] as const)));
}

/**
 * Checks at the simulator that every accepted command reached the hardware once, an in-doubt one
 * at most once, and none twice (a retry or two owners would add a line); a refused one never
 * (a refusal is only given when the hardware cannot have run it).
 */
export async function expectEachRanOnce(fleet: CameraFleet, client: TestClient, before: Map<string, Record<string, number>>, records: readonly CommandRecord[]): Promise<void> {
  expect(records.filter((r) => r.outcome === 'unanswered')).toEqual([]);
  for (const id of fleet.ids) {
    const after = await fleet.hardwareCounts(client.nc, id);
    const ran = (word: string): number => (after[word] ?? 0) - (before.get(id)?.[word] ?? 0);
    const count = (command: string, outcome: Outcome): number => records.filter((r) => r.deviceId === id && r.command === command && r.outcome === outcome).length;
    for (const [command, word] of [['start', 'start_exposure'], ['abort', 'stop_exposure']] as const) {
      expect(ran(word)).toBeGreaterThanOrEqual(count(command, 'accepted'));
      expect(ran(word)).toBeLessThanOrEqual(count(command, 'accepted') + count(command, 'in-doubt'));
    }
  }
}
