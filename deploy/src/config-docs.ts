import type { AppName } from './apps';

/**
 * What each environment variable means, per app. Only the prose lives here: which variables
 * exist comes from the apps' config loaders (deploy/test fails when a variable read by an app has
 * no entry, or an entry names one no app reads), defaults come from the loaders' results, and
 * each `flag` is checked to set the same field as its variable.
 */
export interface VarDoc {
  readonly meaning: string;
  /** The config field the variable sets: its default is read from the loaded config. */
  readonly field?: string;
  /** A valid value, different from the default: proves `field` and `flag`. */
  readonly example?: string;
  readonly flag?: string;
  /** Shown instead of the loaded default when that depends on the machine. */
  readonly defaultText?: string;
}

/** Environment each app needs to load at all (its required settings), for the defaults column. */
export const MINIMAL_ENV: Readonly<Record<AppName, Readonly<Record<string, string>>>> = {
  sim: {},
  agent: { FLEET_DEVICE_ID: 'camera-1', FLEET_DEVICE_KIND: 'camera', FLEET_DEVICE_PORT: '7000' },
  controller: {},
  gateway: { FLEET_TOKENS: 'ops:operator:secret' },
};

const NATS: VarDoc = {
  field: 'natsUrl',
  example: 'nats://nats-1:4222,nats://nats-2:4222',
  flag: '--nats-url',
  meaning: 'the NATS server (JetStream on), or a cluster\'s servers comma-separated',
};
const LOG: VarDoc = { field: 'logLevel', example: 'debug', meaning: 'pino log level: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`' };

export const VAR_DOCS: Readonly<Record<AppName, Readonly<Record<string, VarDoc>>>> = {
  sim: {
    NATS_URL: { ...NATS, meaning: 'the NATS server (or a cluster\'s servers, comma-separated), for run-time fault requests' },
    FLEET_LOG_LEVEL: LOG,
    FLEET_SIM_CAMERAS: { field: 'cameras', example: '5', flag: '--cameras', meaning: 'simulated cameras, `camera-1`...' },
    FLEET_SIM_STAGES: { field: 'stages', example: '5', flag: '--stages', meaning: 'simulated stages, `stage-1`..., on the ports after the cameras' },
    FLEET_SIM_SENSORS: { field: 'sensors', example: '5', flag: '--sensors', meaning: 'simulated sensors, `sensor-1`..., on the ports after the stages' },
    FLEET_SIM_FAULTS: { meaning: 'faults from start-up, comma-separated `<deviceId>=<fault>` (flag `--fault`, repeatable)' },
    FLEET_SIM_BASE_PORT: { field: 'basePort', example: '7100', flag: '--base-port', meaning: 'TCP port of the first device; the others follow' },
    FLEET_SIM_HOST: { field: 'host', example: '0.0.0.0', flag: '--host', meaning: 'address the devices and the metrics endpoint listen on' },
    FLEET_SIM_HOME_MS: { field: 'homeMs', example: '500', flag: '--home-ms', meaning: 'how long a stage takes to home' },
    FLEET_SIM_STAGE_SPEED: { field: 'speedMmPerS', example: '50', flag: '--stage-speed', meaning: 'stage speed, mm/s' },
    FLEET_SIM_HTTP_PORT: { field: 'httpPort', example: '9465', flag: '--http-port', meaning: 'port of `/metrics` and `/healthz`; 0 = off (the container image sets 9465)' },
  },
  agent: {
    NATS_URL: NATS,
    FLEET_LOG_LEVEL: LOG,
    FLEET_DEVICE_ID: { flag: '--device-id', meaning: 'the device this agent serves (one-device mode)' },
    FLEET_DEVICE_KIND: { flag: '--kind', meaning: '`camera`, `stage` or `sensor` (one-device mode)' },
    FLEET_DEVICE_PORT: { flag: '--device-port', meaning: 'the device\'s TCP port (one-device mode)' },
    FLEET_DEVICE_HOST: { flag: '--device-host', defaultText: '`127.0.0.1`', meaning: 'the device\'s TCP address, and the default host of list entries' },
    FLEET_DEVICES: { flag: '--devices', meaning: 'dense mode: several devices, `<deviceId>=<kind>@[<host>:]<port>,...`' },
    FLEET_AGENT_CONFIG: { flag: '--config', meaning: 'dense mode from a JSON file `{"devices":[{"deviceId","kind","host"?,"port"}]}`' },
    FLEET_DEVICE_POOL: { flag: '--device-pool', meaning: 'pool mode: claim one free device of this list (same syntax as `FLEET_DEVICES`) through KV bucket `fleet_claims`; used by scaled agents' },
    FLEET_LEASE_MS: { field: 'leaseMs', example: '8000', flag: '--lease-ms', meaning: 'pool claim lease: a dead agent\'s device is free again after it' },
    FLEET_STATUS_HZ: { field: 'statusHz', example: '5', flag: '--status-hz', meaning: 'polls and status messages per second' },
    FLEET_REQUEST_TIMEOUT_MS: { field: 'requestTimeoutMs', example: '500', flag: '--request-timeout-ms', meaning: 'time a device has to answer one request before the link is marked down' },
    FLEET_BACKOFF_BASE_MS: { field: 'backoffBaseMs', example: '200', flag: '--backoff-base-ms', meaning: 'first reconnect delay ceiling (full jitter, doubling)' },
    FLEET_BACKOFF_CAP_MS: { field: 'backoffCapMs', example: '8000', flag: '--backoff-cap-ms', meaning: 'largest reconnect delay ceiling' },
  },
  controller: {
    NATS_URL: NATS,
    FLEET_LOG_LEVEL: { ...LOG, flag: '--log-level' },
    FLEET_CONTROLLER_HTTP_PORT: { field: 'httpPort', example: '9000', flag: '--http-port', meaning: 'port of `/metrics` and `/healthz`' },
    FLEET_STEP_MS: { field: 'stepMs', example: '500', flag: '--step-ms', meaning: 'overrides every timed step\'s length (SavingImages, Aborting)' },
    FLEET_OFFLINE_PERIODS: { field: 'offlinePeriods', example: '5', flag: '--offline-periods', meaning: 'missed status periods before a device is Offline' },
    FLEET_AGENT_TIMEOUT_MS: { field: 'agentTimeoutMs', example: '2000', flag: '--agent-timeout-ms', meaning: 'how long the controller waits for an agent\'s command reply' },
    FLEET_SWEEP_MS: { field: 'sweepMs', example: '100', flag: '--sweep-ms', meaning: 'interval of the offline sweep' },
    FLEET_DEDUPE_MAX: { field: 'dedupeMax', example: '500', meaning: 'size of the in-memory requestId dedupe cache' },
    FLEET_COMMAND_TTL_MS: { field: 'commandTtlMs', example: '60000', flag: '--command-ttl-ms', meaning: 'how long a command\'s reply is remembered for retries (KV bucket `fleet_commands`)' },
    FLEET_SLOW_RATIO: { field: 'slowRatio', example: '0.25', flag: '--slow-ratio', meaning: 'a device is slow below this share of its announced status rate' },
    FLEET_SLOW_WINDOW_MS: { field: 'slowWindowMs', example: '5000', flag: '--slow-window-ms', meaning: 'window of the status-rate measurement' },
    FLEET_ALARM_DELAY_MS: { field: 'alarmDelayMs', example: '0', flag: '--alarm-delay-ms', meaning: 'how long a fault or link-down holds before its alarm is raised' },
    FLEET_EVENTS_MAX_AGE_MS: { field: 'eventsMaxAgeMs', example: '3600000', flag: '--events-max-age-ms', meaning: 'age limit of stream `FLEET_EVENTS`' },
    FLEET_EVENTS_MAX_BYTES: { field: 'eventsMaxBytes', example: '1048576', meaning: 'size limit of stream `FLEET_EVENTS`' },
    FLEET_PARTITIONS: {
      field: 'partitions',
      example: '8',
      flag: '--partitions',
      meaning: 'partitions of the fleet: must equal the broker\'s subject mapping (`deploy/nats/fleet-partitions.conf`); checked at start-up, exit code 2 on a mismatch',
    },
    FLEET_REPLICA_ID: {
      field: 'replicaId',
      example: 'controller-a',
      flag: '--replica-id',
      defaultText: '`<hostname>-<pid>`',
      meaning: 'this replica\'s name in the partition leases (Kubernetes: the pod name)',
    },
    FLEET_LEASE_MS: { field: 'leaseMs', example: '2000', flag: '--lease-ms', meaning: 'partition lease: a replica that stops renewing loses its partitions to the others after it' },
    FLEET_KV_REPLICAS: { field: 'kvReplicas', example: '3', flag: '--kv-replicas', meaning: 'JetStream replicas of the buckets and stream the controller creates (3 on a 3-node cluster)' },
    FLEET_FORWARD_DEADLINE_MS: {
      field: 'forwardDeadlineMs',
      example: '2000',
      flag: '--forward-deadline-ms',
      meaning: 'how long a command or alarm acknowledgement sent to the unpartitioned subject may wait for its partition\'s owner',
    },
  },
  gateway: {
    NATS_URL: NATS,
    FLEET_LOG_LEVEL: { ...LOG, flag: '--log-level' },
    FLEET_GATEWAY_PORT: { field: 'port', example: '8081', flag: '--port', meaning: 'HTTP port: UI, Socket.IO, `/metrics`, `/healthz`, `/readyz`' },
    FLEET_GATEWAY_HOST: { field: 'host', example: '127.0.0.1', flag: '--host', meaning: 'address the gateway listens on' },
    FLEET_UI_DIR: { flag: '--ui-dir', defaultText: 'the built `apps/ui/dist`', meaning: 'the built UI it serves' },
    FLEET_FLUSH_HZ: { field: 'flushHz', example: '10', flag: '--flush-hz', meaning: 'batches per second per browser, at most' },
    FLEET_COMMAND_TIMEOUT_MS: { field: 'commandTimeoutMs', example: '5000', flag: '--command-timeout-ms', meaning: 'how long the gateway waits for the controller\'s command reply' },
    FLEET_COMMAND_RETRY_MS: {
      field: 'commandRetryMs',
      example: '2000',
      flag: '--command-retry-ms',
      meaning: 'how long the gateway keeps resending a command or alarm acknowledgement (same requestId) after no responders or a timeout, e.g. while its partition changes owner; 0 = one attempt',
    },
    FLEET_COMMAND_RATE: { field: 'commandRate', example: '10', flag: '--command-rate', meaning: 'commands and acks per second per client (bursts of twice that)' },
    FLEET_TOKENS: { flag: '--tokens', meaning: 'comma-separated `user:role:secret`, role `viewer` or `operator` (Kubernetes: Secret `fleet-tokens`)' },
    FLEET_TOKENS_FILE: { flag: '--tokens-file', meaning: 'a file with one `user:role:secret` per line, used when no list is given (compose: a secret)' },
  },
};
