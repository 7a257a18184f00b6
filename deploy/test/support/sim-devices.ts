import { startApp } from '@fleet/test-support';

/** A device a simulator serves. */
export interface ServedDevice {
  readonly deviceId: string;
  readonly kind: string;
  readonly port: number;
}

/**
 * The devices a simulator with `env` serves, asked of the real simulator: it is started with the
 * same settings but on free loopback ports, and its `serving device` log lines give ids and kinds
 * in port order; the ports are then the configured base port plus that order (its contract). It
 * reaches the test's broker with `brokerArgs` (URL and credential flags) in place of the file's
 * broker settings, whose key and CA paths exist only in the container.
 */
export async function servedDevices(env: Readonly<Record<string, string>>, brokerArgs: readonly string[]): Promise<ServedDevice[]> {
  const basePort = Number(env.FLEET_SIM_BASE_PORT ?? '7000');
  const own = Object.fromEntries(Object.entries(env).filter(([key]) => key !== 'NATS_URL' && !key.startsWith('FLEET_NATS_')));
  const sim = await startApp('sim', brokerArgs, {
    env: { ...own, FLEET_SIM_BASE_PORT: '0', FLEET_SIM_HOST: '127.0.0.1', FLEET_SIM_HTTP_PORT: '0' },
  });
  try {
    return sim.logs
      .filter((line) => line.msg === 'serving device')
      .map((line, index) => ({ deviceId: String(line.deviceId), kind: String(line.kind), port: basePort + index }));
  } finally {
    await sim.service.stop();
  }
}
