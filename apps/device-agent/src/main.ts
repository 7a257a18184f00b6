import { hostname } from 'node:os';
import { startupConfig } from '@fleet/app-config';
import { startupNatsAuth } from '@fleet/nats-auth';
import pino, { type Logger } from 'pino';
import { startAgent, type Agent } from './agent';
import { CONFIG_SCHEMA, loadConfig, type AgentConfig } from './config';
import { claimDevice, type DeviceClaim } from './pool-claim';

/** Exit within 1 s of SIGTERM/SIGINT (docs/conventions.md), whatever the broker does. */
const SHUTDOWN_DEADLINE_MS = 900;
const DRAIN_TIMEOUT_MS = 500;
/** Exit code when a pool lease is lost: the orchestrator restarts the agent, which claims again. */
const EXIT_LEASE_LOST = 3;

function logger(config: AgentConfig): Logger {
  const [only] = config.devices;
  const single = config.devices.length === 1 ? only : undefined;
  return pino({ name: 'device-agent', level: config.logLevel, base: { pid: process.pid, ...(single ? { deviceId: single.deviceId } : {}) } });
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let config = startupConfig(CONFIG_SCHEMA, argv, () => loadConfig(argv, process.env));
  const auth = startupNatsAuth('device-agent', config.natsAuth);
  let agent: Agent | undefined;
  let claim: DeviceClaim | undefined;
  let log = logger(config);

  const shutdown = (signal: string, code = 0): void => {
    log.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(code), SHUTDOWN_DEADLINE_MS).unref();
    Promise.resolve(agent?.stop(signal, DRAIN_TIMEOUT_MS))
      .then(() => claim?.release())
      .then(
        () => process.exit(code),
        (err: unknown) => {
          log.error({ err }, 'shutdown failed');
          process.exit(code);
        },
      );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  if (config.pool) {
    claim = await claimDevice({ natsUrl: config.natsUrl, auth, pool: config.pool, leaseMs: config.leaseMs, owner: `${hostname()}:${process.pid}`, log });
    config = { ...config, devices: [claim.device] };
    log = logger(config);
    void claim.lost.then((reason) => {
      log.error({ reason }, 'pool lease lost; exiting so that the device is never served twice');
      shutdown('lease lost', EXIT_LEASE_LOST);
    });
  }
  agent = startAgent(config, auth, log);
  const [only] = config.devices;
  const single = config.devices.length === 1 ? only : undefined;
  const devices = config.devices.map((d) => `${d.deviceId}=${d.kind}@${d.deviceHost}:${d.devicePort}`);
  // The ready line is how launchers know we serve (docs/conventions.md): print it at any log level.
  log.child({}, { level: 'info' }).info({ ...(single ? { kind: single.kind } : {}), devices, statusHz: config.statusHz, natsUrl: config.natsUrl }, 'ready');
}

main().catch((error: unknown) => {
  console.error('device-agent:', error);
  process.exit(1);
});
