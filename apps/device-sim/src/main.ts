import pino from 'pino';
import { startupConfig } from '@fleet/app-config';
import { startupNatsAuth } from '@fleet/nats-auth';
import { CONFIG_SCHEMA, loadConfig } from './config';
import { startFaultControl } from './fault-control';
import { startHttpEndpoint, type HttpEndpoint } from './http-endpoint';
import { startSimulator } from './simulator';

/** Hard limit for a clean shutdown (docs/conventions.md). */
const SHUTDOWN_DEADLINE_MS = 900;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = startupConfig(CONFIG_SCHEMA, argv, () => loadConfig(argv, process.env));
  const auth = startupNatsAuth('device-sim', config.natsAuth);
  const log = pino({ name: 'device-sim', level: config.logLevel });
  const sim = await startSimulator({ ...config, log }).catch((err: unknown) => {
    log.fatal({ err }, 'cannot start simulator');
    process.exit(1);
  });
  for (const device of sim.devices) log.info(device, 'serving device');
  for (const { deviceId, request } of config.faults) {
    const reply = await sim.fault(deviceId, request);
    if (!reply.ok) {
      log.fatal({ deviceId, error: reply.error }, 'cannot apply start-up fault');
      process.exit(2);
    }
  }
  const control = startFaultControl(sim, config.natsUrl, auth, log);
  let http: HttpEndpoint | undefined;
  if (config.httpPort !== 0) {
    http = await startHttpEndpoint(sim.devices, config.host, config.httpPort).catch((err: unknown) => {
      log.fatal({ err, httpPort: config.httpPort }, 'cannot start the metrics endpoint');
      process.exit(1);
    });
  }
  const first = sim.devices[0];
  const shutdown = (signal: string): void => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    void Promise.all([control.close(), sim.close(), http?.close()]).then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  // The ready line is how launchers know we serve (docs/conventions.md): print it at any log level.
  log.child({}, { level: 'info' }).info(
    { devices: sim.devices.length, host: config.host, firstPort: first?.port, httpPort: http?.port, natsUrl: config.natsUrl },
    'ready',
  );
}

void main();
