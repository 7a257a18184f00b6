import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Issues, choiceField, intField, positiveField, textField, urlListField } from './config-fields';
import { parseDevice, parseDeviceFile, parseDeviceList, type DeviceConfig } from './device-list';

export type { DeviceConfig } from './device-list';

export const DEFAULT_DEVICE_HOST = '127.0.0.1';
export const DEFAULT_STATUS_HZ = 10;
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_REQUEST_TIMEOUT_MS = 300;
export const DEFAULT_BACKOFF_BASE_MS = 100;
export const DEFAULT_BACKOFF_CAP_MS = 5000;
export const DEFAULT_LOG_LEVEL = 'info';
/** How long a pool claim lives without renewal; a dead agent's device is free again after it. */
export const DEFAULT_LEASE_MS = 5000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The agent's configuration: one device by default, several in dense mode. */
export interface AgentConfig {
  readonly devices: readonly DeviceConfig[];
  /** With a pool, the agent claims one free device of it (`devices` is then empty until it has). */
  readonly pool: readonly DeviceConfig[] | undefined;
  readonly leaseMs: number;
  readonly statusHz: number;
  /** The broker's servers: `NATS_URL` may list several, comma-separated (the nodes of a cluster). */
  readonly natsUrl: readonly string[];
  readonly requestTimeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly logLevel: (typeof LOG_LEVELS)[number];
}

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; issues: string[] };

type ReadFile = (path: string) => string;

function readJson(issues: Issues, path: string, readFile: ReadFile): unknown {
  try {
    return JSON.parse(readFile(path));
  } catch (err) {
    return issues.add('config', `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Builds the config from flags and environment (flag > FLEET_* / NATS_URL env > DEFAULT_*).
 * One device comes from `--device-id --kind --device-port`; dense mode takes `--devices` or a
 * JSON device file (`--config`) instead. Never throws: bad values come back as readable issues.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv, readFile: ReadFile = (p) => readFileSync(p, 'utf8')): ConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'device-id': { type: 'string' },
        kind: { type: 'string' },
        'device-host': { type: 'string' },
        'device-port': { type: 'string' },
        devices: { type: 'string' },
        config: { type: 'string' },
        'device-pool': { type: 'string' },
        'lease-ms': { type: 'string' },
        'status-hz': { type: 'string' },
        'nats-url': { type: 'string' },
        'request-timeout-ms': { type: 'string' },
        'backoff-base-ms': { type: 'string' },
        'backoff-cap-ms': { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, issues: [err instanceof Error ? err.message : String(err)] };
  }
  const issues = new Issues();
  const host = textField(issues, 'deviceHost', values['device-host'] ?? env.FLEET_DEVICE_HOST, DEFAULT_DEVICE_HOST) ?? DEFAULT_DEVICE_HOST;
  const list = values.devices ?? env.FLEET_DEVICES;
  const file = values.config ?? env.FLEET_AGENT_CONFIG;
  const single = {
    deviceId: values['device-id'] ?? env.FLEET_DEVICE_ID,
    kind: values.kind ?? env.FLEET_DEVICE_KIND,
    port: values['device-port'] ?? env.FLEET_DEVICE_PORT,
  };
  const poolText = values['device-pool'] ?? env.FLEET_DEVICE_POOL;
  let devices: DeviceConfig[] = [];
  let pool: DeviceConfig[] | undefined;
  if ([list, file, poolText].filter((v) => v !== undefined).length > 1) {
    issues.add('devices', 'give only one of --devices, --config and --device-pool');
  } else if (poolText !== undefined) {
    pool = parseDeviceList(issues, poolText, host);
    if (issues.list.length === 0 && pool.length === 0) issues.add('devicePool', 'lists no device');
  } else if (list !== undefined) {
    devices = parseDeviceList(issues, list, host);
  } else if (file !== undefined) {
    const json = readJson(issues, file, readFile);
    if (json !== undefined) devices = parseDeviceFile(issues, json, host);
  } else {
    const device = parseDevice(issues, '', single, host);
    if (device) devices = [device];
  }
  if ((list !== undefined || file !== undefined) && issues.list.length === 0 && devices.length === 0) {
    issues.add('devices', 'lists no device');
  }
  const ids = (pool ?? devices).map((d) => d.deviceId);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) issues.add('devices', `device "${id}" is listed twice`);

  const statusHz = positiveField(issues, 'statusHz', values['status-hz'] ?? env.FLEET_STATUS_HZ, 100, DEFAULT_STATUS_HZ);
  const natsUrl = urlListField(issues, 'natsUrl', values['nats-url'] ?? env.NATS_URL, DEFAULT_NATS_URL);
  const requestTimeoutMs = intField(issues, 'requestTimeoutMs', values['request-timeout-ms'] ?? env.FLEET_REQUEST_TIMEOUT_MS, [10, 60_000], DEFAULT_REQUEST_TIMEOUT_MS);
  const backoffBaseMs = intField(issues, 'backoffBaseMs', values['backoff-base-ms'] ?? env.FLEET_BACKOFF_BASE_MS, [1, 60_000], DEFAULT_BACKOFF_BASE_MS);
  const backoffCapMs = intField(issues, 'backoffCapMs', values['backoff-cap-ms'] ?? env.FLEET_BACKOFF_CAP_MS, [1, 600_000], DEFAULT_BACKOFF_CAP_MS);
  const leaseMs = intField(issues, 'leaseMs', values['lease-ms'] ?? env.FLEET_LEASE_MS, [500, 600_000], DEFAULT_LEASE_MS);
  const logLevel = choiceField(issues, 'logLevel', env.FLEET_LOG_LEVEL, LOG_LEVELS, DEFAULT_LOG_LEVEL);
  if (backoffBaseMs !== undefined && backoffCapMs !== undefined && backoffCapMs < backoffBaseMs) {
    issues.add('backoffCapMs', 'must not be below backoffBaseMs');
  }
  if (
    issues.list.length > 0 || statusHz === undefined || natsUrl === undefined || requestTimeoutMs === undefined ||
    backoffBaseMs === undefined || backoffCapMs === undefined || logLevel === undefined || leaseMs === undefined
  ) {
    return { ok: false, issues: issues.list };
  }
  return { ok: true, config: { devices, pool, leaseMs, statusHz, natsUrl, requestTimeoutMs, backoffBaseMs, backoffCapMs, logLevel } };
}
