import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_PARTITIONS, MAX_PARTITIONS } from '@fleet/contracts';
import { z } from 'zod';

/** Broker used when neither `--nats-url` nor `NATS_URL` is given. */
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
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

/** A replica id unique per process unless the operator names replicas (then a restart reclaims its leases at once). */
export function defaultReplicaId(): string {
  return `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

const intFromText = z.coerce.number().int();

const NATS_URL = /^(nats|tls|ws|wss):\/\/[^\s,]+$/;

const ConfigSchema = z.object({
  /** One broker URL, or a comma-separated list of a cluster's nodes. */
  natsUrl: z
    .string()
    .refine((text) => text.split(',').every((url) => NATS_URL.test(url.trim())), 'must be a nats:// URL or a comma-separated list of them'),
  /** Overrides every kind's timed-step duration when set (tests use a short one). */
  stepMs: intFromText.positive().max(3_600_000).optional(),
  offlinePeriods: intFromText.min(1).max(100),
  agentTimeoutMs: intFromText.min(10).max(60_000),
  sweepMs: intFromText.min(5).max(1000),
  dedupeMax: intFromText.min(1).max(1_000_000),
  commandTtlMs: intFromText.min(1000).max(7 * 24 * 3_600_000),
  httpPort: intFromText.min(0).max(65_535),
  slowRatio: z.coerce.number().gt(0).lt(1),
  slowWindowMs: intFromText.min(500).max(600_000),
  alarmDelayMs: intFromText.min(0).max(600_000),
  eventsMaxAgeMs: intFromText.min(1000),
  eventsMaxBytes: intFromText.min(1024),
  /** Partition count; must equal the broker's subject mapping (checked at start-up). */
  partitions: intFromText.min(1).max(MAX_PARTITIONS),
  replicaId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only, at most 64'),
  leaseMs: intFromText.min(200).max(60_000),
  kvReplicas: intFromText.min(1).max(5),
  forwardDeadlineMs: intFromText.min(100).max(60_000),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
});

/** The controller's configuration, built once at start-up. */
export type Config = z.infer<typeof ConfigSchema>;

/** Either a valid config or every problem found, ready to print. */
export type ConfigResult = { ok: true; config: Config } | { ok: false; issues: string[] };

/**
 * Builds the config from flags, `FLEET_*`/`NATS_URL` env and defaults (flag > env > default).
 * Pure apart from reading its arguments, so it is testable; `loadConfig` is the process edge.
 */
export function buildConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'nats-url': { type: 'string' },
        'step-ms': { type: 'string' },
        'offline-periods': { type: 'string' },
        'agent-timeout-ms': { type: 'string' },
        'sweep-ms': { type: 'string' },
        'log-level': { type: 'string' },
        'http-port': { type: 'string' },
        'command-ttl-ms': { type: 'string' },
        'slow-ratio': { type: 'string' },
        'slow-window-ms': { type: 'string' },
        'events-max-age-ms': { type: 'string' },
        'alarm-delay-ms': { type: 'string' },
        partitions: { type: 'string' },
        'replica-id': { type: 'string' },
        'lease-ms': { type: 'string' },
        'kv-replicas': { type: 'string' },
        'forward-deadline-ms': { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, issues: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = ConfigSchema.safeParse({
    natsUrl: values['nats-url'] ?? env.NATS_URL ?? DEFAULT_NATS_URL,
    stepMs: values['step-ms'] ?? env.FLEET_STEP_MS,
    offlinePeriods: values['offline-periods'] ?? env.FLEET_OFFLINE_PERIODS ?? DEFAULT_OFFLINE_PERIODS,
    agentTimeoutMs: values['agent-timeout-ms'] ?? env.FLEET_AGENT_TIMEOUT_MS ?? DEFAULT_AGENT_TIMEOUT_MS,
    sweepMs: values['sweep-ms'] ?? env.FLEET_SWEEP_MS ?? DEFAULT_SWEEP_MS,
    dedupeMax: env.FLEET_DEDUPE_MAX ?? DEFAULT_DEDUPE_MAX,
    commandTtlMs: values['command-ttl-ms'] ?? env.FLEET_COMMAND_TTL_MS ?? DEFAULT_COMMAND_TTL_MS,
    httpPort: values['http-port'] ?? env.FLEET_CONTROLLER_HTTP_PORT ?? DEFAULT_HTTP_PORT,
    slowRatio: values['slow-ratio'] ?? env.FLEET_SLOW_RATIO ?? DEFAULT_SLOW_RATIO,
    slowWindowMs: values['slow-window-ms'] ?? env.FLEET_SLOW_WINDOW_MS ?? DEFAULT_SLOW_WINDOW_MS,
    alarmDelayMs: values['alarm-delay-ms'] ?? env.FLEET_ALARM_DELAY_MS ?? DEFAULT_ALARM_DELAY_MS,
    eventsMaxAgeMs: values['events-max-age-ms'] ?? env.FLEET_EVENTS_MAX_AGE_MS ?? DEFAULT_EVENTS_MAX_AGE_MS,
    eventsMaxBytes: env.FLEET_EVENTS_MAX_BYTES ?? DEFAULT_EVENTS_MAX_BYTES,
    partitions: values.partitions ?? env.FLEET_PARTITIONS ?? DEFAULT_PARTITIONS,
    replicaId: values['replica-id'] ?? env.FLEET_REPLICA_ID ?? defaultReplicaId(),
    leaseMs: values['lease-ms'] ?? env.FLEET_LEASE_MS ?? DEFAULT_LEASE_MS,
    kvReplicas: values['kv-replicas'] ?? env.FLEET_KV_REPLICAS ?? DEFAULT_KV_REPLICAS,
    forwardDeadlineMs: values['forward-deadline-ms'] ?? env.FLEET_FORWARD_DEADLINE_MS ?? DEFAULT_FORWARD_DEADLINE_MS,
    logLevel: values['log-level'] ?? env.FLEET_LOG_LEVEL ?? DEFAULT_LOG_LEVEL,
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`),
  };
}

/** Reads the process's flags and env; prints every issue and exits 2 when invalid. */
export function loadConfig(): Config {
  const result = buildConfig(process.argv.slice(2), process.env);
  if (result.ok) return result.config;
  for (const issue of result.issues) process.stderr.write(`config: ${issue}\n`);
  process.exit(2);
}
