import { choice, natsUrls } from './parsers';
import { setting, type Setting } from './setting';

/** The broker every program uses when neither `--nats-url` nor `NATS_URL` is given. */
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

/** pino's levels, `FLEET_LOG_LEVEL` of every process. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `--nats-url` / `NATS_URL`, as every program that talks to NATS reads it. */
export function natsUrlSetting(description = 'the NATS server (JetStream on), or a cluster\'s servers comma-separated'): Setting<string[]> {
  return setting({ flag: 'nats-url', env: 'NATS_URL', parser: natsUrls(), default: [DEFAULT_NATS_URL], description });
}

/** `--log-level` / `FLEET_LOG_LEVEL`: the pino level of the process. */
export function logLevelSetting(description = 'pino log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`'): Setting<LogLevel> {
  return setting({ flag: 'log-level', env: 'FLEET_LOG_LEVEL', parser: choice(LOG_LEVELS), default: 'info', description });
}
