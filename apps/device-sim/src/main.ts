import pino from 'pino';
import { loadConfig } from './config';
import { startSimulator } from './simulator';

/** Hard limit for a clean shutdown (docs/conventions.md). */
const SHUTDOWN_DEADLINE_MS = 900;

async function main(): Promise<void> {
  const loaded = loadConfig(process.argv.slice(2), process.env);
  if (!loaded.ok) {
    for (const issue of loaded.issues) console.error(`device-sim: ${issue}`);
    process.exit(2);
  }
  const config = loaded.config;
  const log = pino({ name: 'device-sim', level: config.logLevel });
  const sim = await startSimulator({ ...config, log }).catch((err: unknown) => {
    log.fatal({ err }, 'cannot start simulator');
    process.exit(1);
  });
  for (const device of sim.devices) log.info(device, 'serving device');
  log.info({ devices: sim.devices.length }, 'ready');

  const shutdown = (signal: string): void => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

void main();
