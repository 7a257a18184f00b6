import {
  choice,
  defineSchema,
  int,
  loadConfig as loadSettings,
  logLevelSetting,
  filePath,
  mapped,
  NATS_AUTH_SETTINGS,
  natsUrls,
  readNatsAuth,
  ok,
  optional,
  positive,
  setting,
  type Env,
  type LoadResult,
  type LogLevel,
  type NatsAuthFiles,
} from '@fleet/app-config';
import { DEFAULT_PARTITIONS, MAX_PARTITIONS } from '@fleet/contracts';
import { DEFAULT_CAMERAS, DEFAULT_CONTROLLERS, DEFAULT_NATS_NODES, DEFAULT_STAGES, DEFAULT_STATUS_HZ } from '@fleet/fleet-runner';

export const DEFAULT_GATEWAY_PORT = 8080;
export const DEFAULT_SENSORS = 0;
/** More controller replicas than this on one laptop only compete for its cores. */
export const MAX_CONTROLLERS = 16;
/** A local broker is one server or a 3-node cluster (the smallest that survives losing a node). */
export const NATS_NODE_CHOICES = [1, 3] as const;
type NatsNodes = (typeof NATS_NODE_CHOICES)[number];

/** `1` or `3`, as a number. */
const natsNodeCount = mapped(choice(['1', '3']), (text) => ok<NatsNodes>(text === '3' ? 3 : 1));
const DEFAULT_LOCAL_NATS_NODES = NATS_NODE_CHOICES.find((n) => n === DEFAULT_NATS_NODES) ?? 1;

const MAX_DEVICES = 1000;

const S = {
  natsUrl: optional({
    flag: 'nats-url',
    env: 'NATS_URL',
    parser: natsUrls(),
    defaultText: '(none: it starts its own broker)',
    description: 'use this NATS server (or a cluster\'s servers, comma-separated) instead of starting one',
  }),
  ...NATS_AUTH_SETTINGS,
  natsKeysDir: optional({
    flag: 'nats-keys-dir',
    env: 'FLEET_NATS_KEYS_DIR',
    parser: filePath('<dir>'),
    description: 'with --nats-url: a folder of nkey seeds, one per identity (`controller.nk`, `gateway.nk`, `sim.nk`, `agent-pool.nk`, as `npm run deploy:keys` writes), so each process connects as its own identity',
  }),
  cameras: setting({ flag: 'cameras', env: 'FLEET_SIM_CAMERAS', parser: int(0, MAX_DEVICES), default: DEFAULT_CAMERAS, description: 'simulated cameras, each with its own agent' }),
  stages: setting({ flag: 'stages', env: 'FLEET_SIM_STAGES', parser: int(0, MAX_DEVICES), default: DEFAULT_STAGES, description: 'simulated stages, each with its own agent' }),
  sensors: setting({ flag: 'sensors', env: 'FLEET_SIM_SENSORS', parser: int(0, MAX_DEVICES), default: DEFAULT_SENSORS, description: 'simulated sensors, each with its own agent' }),
  port: setting({ flag: 'port', env: 'FLEET_GATEWAY_PORT', parser: int(0, 65535), default: DEFAULT_GATEWAY_PORT, description: 'the gateway\'s HTTP port (the UI)' }),
  statusHz: setting({ flag: 'status-hz', env: 'FLEET_STATUS_HZ', parser: positive(100), default: DEFAULT_STATUS_HZ, description: 'polls and status messages per second of every agent' }),
  stepMs: optional({ flag: 'step-ms', env: 'FLEET_STEP_MS', parser: int(1, 3_600_000), description: 'the controller\'s timed-step length (SavingImages, Aborting)' }),
  controllers: setting({
    flag: 'controllers',
    env: 'FLEET_CONTROLLERS',
    parser: int(1, MAX_CONTROLLERS),
    default: DEFAULT_CONTROLLERS,
    description: 'controller replicas, which split the partitions',
  }),
  natsNodes: setting({
    flag: 'nats-nodes',
    env: 'FLEET_NATS_NODES',
    parser: natsNodeCount,
    default: DEFAULT_LOCAL_NATS_NODES,
    description: 'nodes of the broker it starts: 1, or a local 3-node cluster',
  }),
  partitions: setting({
    flag: 'partitions',
    env: 'FLEET_PARTITIONS',
    parser: int(1, MAX_PARTITIONS),
    default: DEFAULT_PARTITIONS,
    description: 'partitions of the fleet (the broker\'s subject mapping and the controllers agree on it)',
  }),
  logLevel: logLevelSetting('pino log level of every app it starts: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`'),
};

/** Every setting of `npm start`: flags, variables, defaults, for `--help` and the README. */
export const CONFIG_SCHEMA = defineSchema(
  {
    name: 'launcher',
    summary: 'the whole local fleet: broker, simulators, one agent per device, controller(s) and the gateway with the UI.',
    usage: 'npm start -- [options]   (or node apps/launcher/dist/main.js [options])',
  },
  S,
);

/** The launcher's configuration. */
export interface LauncherConfig {
  readonly natsUrl: string[] | undefined;
  /** Credentials on the given broker (`natsUrl`), shared by every process it starts. */
  readonly natsAuth: NatsAuthFiles;
  /** Seeds per identity on the given broker. */
  readonly natsKeysDir: string | undefined;
  readonly cameras: number;
  readonly stages: number;
  readonly sensors: number;
  readonly port: number;
  readonly statusHz: number;
  readonly stepMs: number | undefined;
  readonly controllers: number;
  readonly natsNodes: NatsNodes;
  readonly partitions: number;
  readonly logLevel: LogLevel;
  /** Where to look for `nats-server` (the `PATH` it was started with). */
  readonly path: string | undefined;
}

/** Builds the config from flags, then FLEET_* / NATS_URL env, then defaults; never throws. */
export function loadConfig(argv: readonly string[], env: Env): LoadResult<LauncherConfig> {
  return loadSettings(CONFIG_SCHEMA, argv, env, ({ read, report }): LauncherConfig => {
    const natsUrl = read(S.natsUrl);
    const natsNodes = read(S.natsNodes);
    if (natsUrl !== undefined && natsNodes !== DEFAULT_LOCAL_NATS_NODES) {
      report(S.natsNodes, 'the broker is given by NATS_URL / --nats-url; --nats-nodes only shapes the broker npm start starts itself');
    }
    const natsAuth = readNatsAuth({ read, report });
    const natsKeysDir = read(S.natsKeysDir);
    if (natsUrl === undefined && (natsKeysDir !== undefined || Object.values(natsAuth).some((f) => f !== undefined))) {
      report(natsKeysDir !== undefined ? S.natsKeysDir : S.natsNkeyFile, 'credentials are for a broker given by --nats-url; the broker npm start starts makes its own keys');
    }
    if (natsKeysDir !== undefined && (natsAuth.nkeyFile !== undefined || natsAuth.userFile !== undefined)) {
      report(S.natsKeysDir, 'give a keys folder or one nkey / user file for every process, not both');
    }
    return {
      natsUrl,
      natsAuth,
      natsKeysDir,
      cameras: read(S.cameras),
      stages: read(S.stages),
      sensors: read(S.sensors),
      port: read(S.port),
      statusHz: read(S.statusHz),
      stepMs: read(S.stepMs),
      controllers: read(S.controllers),
      natsNodes,
      partitions: read(S.partitions),
      logLevel: read(S.logLevel),
      path: env.PATH,
    };
  });
}
