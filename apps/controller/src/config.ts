import { hostname } from 'node:os';
import {
  DEFAULT_NATS_URL,
  decimal,
  defineSchema,
  int,
  loadConfig as loadSettings,
  logLevelSetting,
  NATS_AUTH_SETTINGS,
  readNatsAuth,
  natsUrlSetting,
  optional,
  setting,
  text,
  type Env,
  type LoadResult,
  type LogLevel,
  type NatsAuthFiles,
} from '@fleet/app-config';
import { DEFAULT_PARTITIONS, MAX_PARTITIONS } from '@fleet/contracts';

export { DEFAULT_NATS_URL };
/** A device is Offline after this many status periods without a status message. */
export const DEFAULT_OFFLINE_PERIODS = 3;
/** How long the controller waits for an agent's reply to a hardware command. */
export const DEFAULT_AGENT_TIMEOUT_MS = 1000;
/** How often the offline sweep runs; small against 3 periods at 10 Hz so detection stays < 500 ms. */
export const DEFAULT_SWEEP_MS = 50;
/** Status rate assumed for a device that has not announced one in its presence birth. */
export const DEFAULT_STATUS_HZ = 10;
/** Size of the in-memory requestId dedupe cache (the fast path in front of KV bucket fleet_commands). */
export const DEFAULT_DEDUPE_MAX = 10_000;
/** How long a command's reply is remembered for retries: the in-memory TTL and bucket fleet_commands' max age. */
export const DEFAULT_COMMAND_TTL_MS = 10 * 60_000;
/** HTTP port of /metrics and /healthz; 0 picks a free port (logged in the ready line). */
export const DEFAULT_HTTP_PORT = 9464;
/** A device is slow when it delivers less than this share of its announced statusHz ... */
export const DEFAULT_SLOW_RATIO = 0.5;
/** ... measured over windows of this length. */
export const DEFAULT_SLOW_WINDOW_MS = 3000;
/** Fault and link-down alarms are raised once their condition has held this long (0: at once). */
export const DEFAULT_ALARM_DELAY_MS = 1000;
/** Stream FLEET_EVENTS limits, applied when the controller creates the stream. */
export const DEFAULT_EVENTS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_EVENTS_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_LOG_LEVEL = 'info';
/** A partition lease not renewed for this long expires, and survivors take the partition over. */
export const DEFAULT_LEASE_MS = 1000;
/** JetStream replicas of the buckets and stream the controller creates (3 on a 3-node cluster). */
export const DEFAULT_KV_REPLICAS = 1;
/** How long a command or acknowledgement sent to the legacy subject may wait for its partition's owner. */
export const DEFAULT_FORWARD_DEADLINE_MS = 5000;

const REPLICA_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A replica id unique per process unless the operator names replicas (then a restart reclaims its leases at once). */
export function defaultReplicaId(): string {
  return `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

const S = {
  natsUrl: natsUrlSetting(),
  ...NATS_AUTH_SETTINGS,
  stepMs: optional({ flag: 'step-ms', env: 'FLEET_STEP_MS', parser: int(1, 3_600_000), description: 'overrides every timed step\'s length (SavingImages, Aborting)' }),
  offlinePeriods: setting({
    flag: 'offline-periods',
    env: 'FLEET_OFFLINE_PERIODS',
    parser: int(1, 100),
    default: DEFAULT_OFFLINE_PERIODS,
    description: 'missed status periods before a device is Offline',
  }),
  agentTimeoutMs: setting({
    flag: 'agent-timeout-ms',
    env: 'FLEET_AGENT_TIMEOUT_MS',
    parser: int(10, 60_000),
    default: DEFAULT_AGENT_TIMEOUT_MS,
    description: 'how long the controller waits for an agent\'s command reply',
  }),
  sweepMs: setting({ flag: 'sweep-ms', env: 'FLEET_SWEEP_MS', parser: int(5, 1000), default: DEFAULT_SWEEP_MS, description: 'interval of the offline sweep' }),
  dedupeMax: setting({ flag: 'dedupe-max', env: 'FLEET_DEDUPE_MAX', parser: int(1, 1_000_000), default: DEFAULT_DEDUPE_MAX, description: 'size of the in-memory requestId dedupe cache' }),
  commandTtlMs: setting({
    flag: 'command-ttl-ms',
    env: 'FLEET_COMMAND_TTL_MS',
    parser: int(1000, 7 * 24 * 3_600_000),
    default: DEFAULT_COMMAND_TTL_MS,
    description: 'how long a command\'s reply is remembered for retries (KV bucket `fleet_commands`)',
  }),
  httpPort: setting({ flag: 'http-port', env: 'FLEET_CONTROLLER_HTTP_PORT', parser: int(0, 65_535), default: DEFAULT_HTTP_PORT, description: 'port of `/metrics` and `/healthz`' }),
  slowRatio: setting({
    flag: 'slow-ratio',
    env: 'FLEET_SLOW_RATIO',
    parser: decimal({ min: 0, max: 1, openMin: true, openMax: true }),
    default: DEFAULT_SLOW_RATIO,
    description: 'a device is slow below this share of its announced status rate',
  }),
  slowWindowMs: setting({
    flag: 'slow-window-ms',
    env: 'FLEET_SLOW_WINDOW_MS',
    parser: int(500, 600_000),
    default: DEFAULT_SLOW_WINDOW_MS,
    description: 'window of the status-rate measurement',
  }),
  alarmDelayMs: setting({
    flag: 'alarm-delay-ms',
    env: 'FLEET_ALARM_DELAY_MS',
    parser: int(0, 600_000),
    default: DEFAULT_ALARM_DELAY_MS,
    description: 'how long a fault or link-down holds before its alarm is raised',
  }),
  eventsMaxAgeMs: setting({
    flag: 'events-max-age-ms',
    env: 'FLEET_EVENTS_MAX_AGE_MS',
    parser: int(1000, Number.MAX_SAFE_INTEGER),
    default: DEFAULT_EVENTS_MAX_AGE_MS,
    description: 'age limit of stream `FLEET_EVENTS`',
  }),
  eventsMaxBytes: setting({
    flag: 'events-max-bytes',
    env: 'FLEET_EVENTS_MAX_BYTES',
    parser: int(1024, Number.MAX_SAFE_INTEGER),
    default: DEFAULT_EVENTS_MAX_BYTES,
    description: 'size limit of stream `FLEET_EVENTS`',
  }),
  partitions: setting({
    flag: 'partitions',
    env: 'FLEET_PARTITIONS',
    parser: int(1, MAX_PARTITIONS),
    default: DEFAULT_PARTITIONS,
    description: 'partitions of the fleet: must equal the broker\'s subject mapping (`deploy/nats/fleet-partitions.conf`); checked at start-up, exit code 2 on a mismatch',
  }),
  replicaId: setting({
    flag: 'replica-id',
    env: 'FLEET_REPLICA_ID',
    parser: text('<id>', { pattern: REPLICA_ID, rule: 'letters, digits, _ and - only, at most 64' }),
    default: defaultReplicaId(),
    defaultText: '`<hostname>-<pid>`',
    description: 'this replica\'s name in the partition leases (Kubernetes: the pod name)',
  }),
  leaseMs: setting({
    flag: 'lease-ms',
    env: 'FLEET_LEASE_MS',
    parser: int(200, 60_000),
    default: DEFAULT_LEASE_MS,
    description: 'partition lease: a replica that stops renewing loses its partitions to the others after it',
  }),
  kvReplicas: setting({
    flag: 'kv-replicas',
    env: 'FLEET_KV_REPLICAS',
    parser: int(1, 5),
    default: DEFAULT_KV_REPLICAS,
    description: 'JetStream replicas of the buckets and stream the controller creates (3 on a 3-node cluster)',
  }),
  forwardDeadlineMs: setting({
    flag: 'forward-deadline-ms',
    env: 'FLEET_FORWARD_DEADLINE_MS',
    parser: int(100, 60_000),
    default: DEFAULT_FORWARD_DEADLINE_MS,
    description: 'how long a command or alarm acknowledgement sent to the unpartitioned subject may wait for its partition\'s owner',
  }),
  logLevel: logLevelSetting(),
};

/** Every setting of the controller: flags, variables, defaults, for `--help` and the README. */
export const CONFIG_SCHEMA = defineSchema(
  {
    name: 'controller',
    summary: 'state machines, commands, offline detection, alarms and events of the fleet, on NATS; /metrics and /healthz.',
    usage: 'node apps/controller/dist/main.js [options]',
  },
  S,
);

/** The controller's configuration, built once at start-up. */
export interface Config {
  /** One broker URL, or a comma-separated list of a cluster's nodes. */
  readonly natsUrl: string;
  /** The credential files of its broker connections (none: anonymous). */
  readonly natsAuth: NatsAuthFiles;
  /** Overrides every kind's timed-step duration when set (tests use a short one). */
  readonly stepMs: number | undefined;
  readonly offlinePeriods: number;
  readonly agentTimeoutMs: number;
  readonly sweepMs: number;
  readonly dedupeMax: number;
  readonly commandTtlMs: number;
  readonly httpPort: number;
  readonly slowRatio: number;
  readonly slowWindowMs: number;
  readonly alarmDelayMs: number;
  readonly eventsMaxAgeMs: number;
  readonly eventsMaxBytes: number;
  /** Partition count; must equal the broker's subject mapping (checked at start-up). */
  readonly partitions: number;
  readonly replicaId: string;
  readonly leaseMs: number;
  readonly kvReplicas: number;
  readonly forwardDeadlineMs: number;
  readonly logLevel: LogLevel;
}

/** Either a valid config or every problem found, ready to print. */
export type ConfigResult = LoadResult<Config>;

/**
 * Builds the config from flags, `FLEET_*`/`NATS_URL` env and defaults (flag > env > default).
 * Pure apart from reading its arguments; never throws.
 */
export function loadConfig(argv: readonly string[], env: Env): ConfigResult {
  return loadSettings(CONFIG_SCHEMA, argv, env, (b): Config => ({
    natsUrl: b.read(S.natsUrl).join(','),
    natsAuth: readNatsAuth(b),
    stepMs: b.read(S.stepMs),
    offlinePeriods: b.read(S.offlinePeriods),
    agentTimeoutMs: b.read(S.agentTimeoutMs),
    sweepMs: b.read(S.sweepMs),
    dedupeMax: b.read(S.dedupeMax),
    commandTtlMs: b.read(S.commandTtlMs),
    httpPort: b.read(S.httpPort),
    slowRatio: b.read(S.slowRatio),
    slowWindowMs: b.read(S.slowWindowMs),
    alarmDelayMs: b.read(S.alarmDelayMs),
    eventsMaxAgeMs: b.read(S.eventsMaxAgeMs),
    eventsMaxBytes: b.read(S.eventsMaxBytes),
    partitions: b.read(S.partitions),
    replicaId: b.read(S.replicaId),
    leaseMs: b.read(S.leaseMs),
    kvReplicas: b.read(S.kvReplicas),
    forwardDeadlineMs: b.read(S.forwardDeadlineMs),
    logLevel: b.read(S.logLevel),
  }));
}
