import pino from 'pino';
import { startAgent } from './agent';
import { loadConfig } from './config';

/** Exit within 1 s of SIGTERM/SIGINT (docs/conventions.md), whatever the broker does. */
const SHUTDOWN_DEADLINE_MS = 900;
const DRAIN_TIMEOUT_MS = 500;

function main(): void {
  const loaded = loadConfig(process.argv.slice(2), process.env);
  if (!loaded.ok) {
    for (const issue of loaded.issues) console.error(`device-agent: ${issue}`);
    process.exit(2);
  }
  const config = loaded.config;
  const log = pino({ name: 'device-agent', level: config.logLevel, base: { pid: process.pid, deviceId: config.deviceId } });
  const agent = startAgent(config, log);
  log.info(
    { kind: config.kind, device: `${config.deviceHost}:${config.devicePort}`, statusHz: config.statusHz, natsUrl: config.natsUrl },
    'ready',
  );

  const shutdown = (signal: string): void => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(0), SHUTDOWN_DEADLINE_MS).unref();
    agent.stop(signal, DRAIN_TIMEOUT_MS).then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(0);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main();
