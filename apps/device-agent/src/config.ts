import { readFileSync } from 'node:fs';
import {
  DEFAULT_NATS_URL,
  defineSchema,
  derived,
  fail,
  int,
  loadConfig as loadSettings,
  logLevelSetting,
  NATS_AUTH_SETTINGS,
  readNatsAuth,
  type NatsAuthFiles,
  natsUrlSetting,
  ok,
  optional,
  positive,
  setting,
  text,
  type Builder,
  type Env,
  type LoadResult,
  type LogLevel,
  type Parser,
  type Setting,
} from '@fleet/app-config';
import { DEVICE_ID_PATTERN, DEVICE_KIND_NAMES, isDeviceKindName, type DeviceKindName } from '@fleet/contracts/wire';
import { Issues } from './config-fields';
import { parseDeviceFile, parseDeviceList, type DeviceConfig } from './device-list';

export type { DeviceConfig } from './device-list';

export { DEFAULT_NATS_URL };
export const DEFAULT_DEVICE_HOST = '127.0.0.1';
export const DEFAULT_STATUS_HZ = 10;
/**
 * A device has 1.5 poll periods to answer a request (150 ms at 10 Hz): a hang is then noticed
 * within 2.5 periods of its start, which keeps "Fault shown within 300 ms" at 10 Hz, and a device
 * that answers within a period is never cut off.
 */
export const REQUEST_TIMEOUT_PERIODS = 1.5;
export const DEFAULT_BACKOFF_BASE_MS = 100;
export const DEFAULT_BACKOFF_CAP_MS = 5000;
export const DEFAULT_LOG_LEVEL = 'info';
/** How long a pool claim lives without renewal; a dead agent's device is free again after it. */
export const DEFAULT_LEASE_MS = 5000;

const REQUEST_TIMEOUT_RANGE: [number, number] = [10, 60_000];

/** The request timeout for a poll rate: {@link REQUEST_TIMEOUT_PERIODS} periods, within its range. */
export function defaultRequestTimeoutMs(statusHz: number): number {
  const ms = Math.round((REQUEST_TIMEOUT_PERIODS * 1000) / statusHz);
  return Math.min(REQUEST_TIMEOUT_RANGE[1], Math.max(REQUEST_TIMEOUT_RANGE[0], ms));
}

/** A device kind of the contracts' registry. */
const deviceKind: Parser<DeviceKindName> = {
  hint: `<${DEVICE_KIND_NAMES.join('|')}>`,
  parse(text) {
    const kind = text.trim();
    return isDeviceKindName(kind) ? ok(kind) : fail(`must be one of: ${DEVICE_KIND_NAMES.join(', ')}`);
  },
};

const statusHz = setting({ flag: 'status-hz', env: 'FLEET_STATUS_HZ', parser: positive(100), default: DEFAULT_STATUS_HZ, description: 'polls and status messages per second' });

const S = {
  deviceHost: setting({
    flag: 'device-host',
    env: 'FLEET_DEVICE_HOST',
    parser: text('<host>'),
    default: DEFAULT_DEVICE_HOST,
    description: 'the device\'s TCP address, and the default host of list entries',
  }),
  devices: optional({ flag: 'devices', env: 'FLEET_DEVICES', parser: text('<list>'), description: 'dense mode: several devices, `<deviceId>=<kind>@[<host>:]<port>,...`' }),
  config: optional({
    flag: 'config',
    env: 'FLEET_AGENT_CONFIG',
    parser: text('<file>'),
    description: 'dense mode from a JSON file `{"devices":[{"deviceId","kind","host"?,"port"}]}`',
  }),
  deviceId: optional({
    flag: 'device-id',
    env: 'FLEET_DEVICE_ID',
    parser: text('<id>', { pattern: DEVICE_ID_PATTERN, rule: 'letters, digits, _ and - only, at most 64 ([A-Za-z0-9_-]{1,64})' }),
    defaultText: '(required in one-device mode)',
    description: 'the device this agent serves (one-device mode)',
  }),
  kind: optional({
    flag: 'kind',
    env: 'FLEET_DEVICE_KIND',
    parser: deviceKind,
    defaultText: '(required in one-device mode)',
    description: '`camera`, `stage` or `sensor` (one-device mode)',
  }),
  devicePort: optional({
    flag: 'device-port',
    env: 'FLEET_DEVICE_PORT',
    parser: int(1, 65535),
    defaultText: '(required in one-device mode)',
    description: 'the device\'s TCP port (one-device mode)',
  }),
  pool: optional({
    flag: 'device-pool',
    env: 'FLEET_DEVICE_POOL',
    parser: text('<list>'),
    description: 'pool mode: claim one free device of this list (same syntax as `FLEET_DEVICES`) through KV bucket `fleet_claims`; used by scaled agents',
  }),
  statusHz,
  natsUrl: natsUrlSetting(),
  ...NATS_AUTH_SETTINGS,
  requestTimeoutMs: derived({
    flag: 'request-timeout-ms',
    env: 'FLEET_REQUEST_TIMEOUT_MS',
    parser: int(...REQUEST_TIMEOUT_RANGE),
    defaultText: '1.5 poll periods (`150` at 10 Hz)',
    from: (read) => defaultRequestTimeoutMs(read(statusHz)),
    description: 'time a device has to answer one request before the link is marked down',
  }),
  backoffBaseMs: setting({
    flag: 'backoff-base-ms',
    env: 'FLEET_BACKOFF_BASE_MS',
    parser: int(1, 60_000),
    default: DEFAULT_BACKOFF_BASE_MS,
    description: 'first reconnect delay ceiling (full jitter, doubling)',
  }),
  backoffCapMs: setting({ flag: 'backoff-cap-ms', env: 'FLEET_BACKOFF_CAP_MS', parser: int(1, 600_000), default: DEFAULT_BACKOFF_CAP_MS, description: 'largest reconnect delay ceiling' }),
  leaseMs: setting({
    flag: 'lease-ms',
    env: 'FLEET_LEASE_MS',
    parser: int(500, 600_000),
    default: DEFAULT_LEASE_MS,
    description: 'pool claim lease: a dead agent\'s device is free again after it',
  }),
  logLevel: logLevelSetting(),
};

/** Every setting of the agent: flags, variables, defaults, for `--help` and the README. */
export const CONFIG_SCHEMA = defineSchema(
  {
    name: 'device-agent',
    summary: 'serves one device (or several in dense mode): TCP link, polls, status, presence and commands on NATS.',
    usage: 'node apps/device-agent/dist/main.js --device-id <id> --kind <kind> --device-port <port> [options] (or --devices, --config, --device-pool)',
  },
  S,
);

/** The agent's configuration: one device by default, several in dense mode. */
export interface AgentConfig {
  readonly devices: readonly DeviceConfig[];
  /** With a pool, the agent claims one free device of it (`devices` is then empty until it has). */
  readonly pool: readonly DeviceConfig[] | undefined;
  readonly leaseMs: number;
  readonly statusHz: number;
  /** The broker's servers: `NATS_URL` may list several, comma-separated (the nodes of a cluster). */
  readonly natsUrl: readonly string[];
  /** The credential files of the broker connection (none: anonymous). */
  readonly natsAuth: NatsAuthFiles;
  readonly requestTimeoutMs: number;
  readonly backoffBaseMs: number;
  readonly backoffCapMs: number;
  readonly logLevel: LogLevel;
}

export type ConfigResult = LoadResult<AgentConfig>;

type ReadFile = (path: string) => string;

/** Hands the issues of a device check to the setting they are about. */
function reportAll(b: Builder, setting: Setting<unknown>, issues: Issues): void {
  for (const issue of issues.list) b.report(setting, issue);
}

/** One device from `--device-id --kind --device-port`; each missing one is named. */
function singleDevice(b: Builder, host: string): DeviceConfig[] {
  const deviceId = b.read(S.deviceId);
  const kind = b.read(S.kind);
  const devicePort = b.read(S.devicePort);
  const fields: Array<[unknown, Setting<unknown>]> = [[deviceId, S.deviceId], [kind, S.kind], [devicePort, S.devicePort]];
  for (const [value, s] of fields) {
    // A given but invalid value is already reported; only an absent one is news here.
    if (value === undefined && b.origin(s) === 'default') b.report(s, 'is required (one device; or give --devices, --config or --device-pool)');
  }
  return deviceId === undefined || kind === undefined || devicePort === undefined ? [] : [{ deviceId, kind, deviceHost: host, devicePort }];
}

/** The devices of a JSON device file, or none when it cannot be read or is malformed. */
function fileDevices(b: Builder, file: string, host: string, readFile: ReadFile): DeviceConfig[] {
  const issues = new Issues();
  let devices: DeviceConfig[] = [];
  try {
    devices = parseDeviceFile(issues, JSON.parse(readFile(file)), host);
  } catch (err) {
    issues.add('config', `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  reportAll(b, S.config, issues);
  if (issues.list.length === 0 && devices.length === 0) b.report(S.config, 'lists no device');
  return devices;
}

/** A device list (`--devices` or `--device-pool`), which must name at least one device. */
function listDevices(b: Builder, setting: Setting<string | undefined>, list: string, host: string): DeviceConfig[] {
  const issues = new Issues();
  const devices = parseDeviceList(issues, list, host);
  reportAll(b, setting, issues);
  if (issues.list.length === 0 && devices.length === 0) b.report(setting, 'lists no device');
  return devices;
}

/**
 * Builds the config from flags and environment (flag > FLEET_* / NATS_URL env > default).
 * One device comes from `--device-id --kind --device-port`; dense mode takes `--devices` or a
 * JSON device file (`--config`) instead; pool mode `--device-pool`. Never throws: bad values come
 * back as readable issues naming the flag or variable.
 */
export function loadConfig(argv: readonly string[], env: Env, readFile: ReadFile = (p) => readFileSync(p, 'utf8')): ConfigResult {
  return loadSettings(CONFIG_SCHEMA, argv, env, (b): AgentConfig => {
    const { read } = b;
    const host = read(S.deviceHost);
    const list = read(S.devices);
    const file = read(S.config);
    const poolText = read(S.pool);
    let devices: DeviceConfig[] = [];
    let pool: DeviceConfig[] | undefined;
    const modes = [S.devices, S.config, S.pool].filter((s) => b.origin(s) !== 'default');
    const [first] = modes;
    if (modes.length > 1 && first) {
      b.report(first, 'give only one of --devices, --config and --device-pool');
    } else if (poolText !== undefined) {
      pool = listDevices(b, S.pool, poolText, host);
    } else if (list !== undefined) {
      devices = listDevices(b, S.devices, list, host);
    } else if (file !== undefined) {
      devices = fileDevices(b, file, host, readFile);
    } else if (modes.length === 0) {
      devices = singleDevice(b, host);
    }
    const ids = (pool ?? devices).map((d) => d.deviceId);
    for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) b.report(pool ? S.pool : modes[0] ?? S.devices, `device "${id}" is listed twice`);

    const backoffBaseMs = read(S.backoffBaseMs);
    const backoffCapMs = read(S.backoffCapMs);
    if (backoffCapMs < backoffBaseMs) b.report(S.backoffCapMs, `must not be below the backoff base (${backoffBaseMs} ms)`);
    return {
      devices,
      pool,
      leaseMs: read(S.leaseMs),
      statusHz: read(S.statusHz),
      natsUrl: read(S.natsUrl),
      natsAuth: readNatsAuth(b),
      requestTimeoutMs: read(S.requestTimeoutMs),
      backoffBaseMs,
      backoffCapMs,
      logLevel: read(S.logLevel),
    };
  });
}
