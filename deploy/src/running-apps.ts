import { freePort, startApp, startTestBroker, type AppProcess, type TestBroker } from '@fleet/test-support';
import type { AppName } from './apps';

/** A throwaway gateway token for the probe run. */
const PROBE_TOKENS = 'probe:viewer:probe-token';

/** The apps that serve HTTP, started for real against a real broker, with their HTTP port. */
export interface RunningApps {
  readonly broker: TestBroker;
  readonly ports: Readonly<Partial<Record<AppName, number>>>;
  stop(): Promise<void>;
}

/**
 * Starts a broker enforcing the fleet's authorization, then the built simulator, controller and
 * gateway on free loopback ports, each with its own identity and configured only through flags it
 * really accepts. Stops everything it started on failure.
 */
export async function startHttpApps(): Promise<RunningApps> {
  const broker = await startTestBroker();
  const started: AppProcess[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(started.map((p) => p.service.stop()));
    await broker.stop();
  };
  try {
    const [sim, controller, gateway] = [await freePort(), await freePort(), await freePort()];
    started.push(await startApp('sim', [...broker.appArgs('sim'), '--cameras', '1', '--stages', '1', '--base-port', '0', '--http-port', String(sim)]));
    started.push(await startApp('controller', [...broker.appArgs('controller'), '--http-port', String(controller)]));
    started.push(await startApp('gateway', [...broker.appArgs('gateway'), '--host', '127.0.0.1', '--port', String(gateway), '--tokens', PROBE_TOKENS]));
    return { broker, ports: { sim, controller, gateway }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** GET `http://127.0.0.1:<port><path>`: status and body. */
export async function httpGet(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, body: await res.text() };
}
