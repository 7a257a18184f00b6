import { freePortRange } from '@fleet/fleet-runner';
import { startApp, type AppProcess, type BrokerAccess } from '@fleet/test-support';

/** A simulator with camera-1 and stage-1, and a real agent process for each device asked for. */
export interface RealDevices {
  readonly agents: ReadonlyMap<string, AppProcess>;
  stop(): Promise<void>;
}

/** Starts device-sim and one device-agent per id (`camera-1`, `stage-1`) on `broker`, each with its own identity and `agentArgs` added. */
export async function startRealDevices(broker: BrokerAccess, ids: ReadonlyArray<'camera-1' | 'stage-1'>, agentArgs: readonly string[] = []): Promise<RealDevices> {
  const base = await freePortRange(2);
  const sim = await startApp('sim', ['--cameras', '1', '--stages', '1', '--base-port', String(base), ...broker.appArgs('sim')]);
  const agents = new Map<string, AppProcess>();
  try {
    for (const id of ids) {
      const [kind, port] = id === 'camera-1' ? ['camera', base] : ['stage', base + 1];
      agents.set(id, await startApp('agent', ['--device-id', id, '--kind', kind, '--device-port', String(port), ...broker.appArgs(`agent-${id}`), ...agentArgs]));
    }
  } catch (err) {
    await Promise.all([...agents.values()].map((a) => a.service.stop()));
    await sim.service.stop();
    throw err;
  }
  return {
    agents,
    stop: async () => {
      await Promise.all([...agents.values()].map((a) => a.service.stop()));
      await sim.service.stop();
    },
  };
}
