import {
  DEFAULT_NATS_URL,
  defineSchema,
  int,
  loadConfig as loadSettings,
  logLevelSetting,
  NATS_AUTH_SETTINGS,
  readNatsAuth,
  type NatsAuthFiles,
  natsUrlSetting,
  optional,
  positive,
  setting,
  text,
  type Env,
  type LoadResult,
  type LogLevel,
} from '@fleet/app-config';
import { parseFaultSpec, type StartupFault } from './fault-spec';

export { DEFAULT_NATS_URL };
export const DEFAULT_CAMERAS = 3;
export const DEFAULT_STAGES = 2;
export const DEFAULT_SENSORS = 0;
export const DEFAULT_BASE_PORT = 7000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_HOME_MS = 1000;
export const DEFAULT_STAGE_SPEED_MM_S = 100;
export const DEFAULT_LOG_LEVEL = 'info';
/** Port of /metrics and /healthz; 0 = no HTTP endpoint (the local fleet and tests need none). */
export const DEFAULT_HTTP_PORT = 0;

const MAX_DEVICES = 5000;

const S = {
  cameras: setting({ flag: 'cameras', env: 'FLEET_SIM_CAMERAS', parser: int(0, MAX_DEVICES), default: DEFAULT_CAMERAS, description: 'simulated cameras, `camera-1`...' }),
  stages: setting({
    flag: 'stages',
    env: 'FLEET_SIM_STAGES',
    parser: int(0, MAX_DEVICES),
    default: DEFAULT_STAGES,
    description: 'simulated stages, `stage-1`..., on the ports after the cameras',
  }),
  sensors: setting({
    flag: 'sensors',
    env: 'FLEET_SIM_SENSORS',
    parser: int(0, MAX_DEVICES),
    default: DEFAULT_SENSORS,
    description: 'simulated sensors, `sensor-1`..., on the ports after the stages',
  }),
  natsUrl: natsUrlSetting('the NATS server (or a cluster\'s servers, comma-separated), for run-time fault requests'),
  ...NATS_AUTH_SETTINGS,
  faults: optional({
    flag: 'fault',
    env: 'FLEET_SIM_FAULTS',
    parser: text('<deviceId>=<fault>[:<latencyMs>]'),
    repeatable: true,
    description: 'faults from start-up, `<deviceId>=<fault>`, e.g. `camera-1=hang` or `stage-1=slow:500` (the variable: comma-separated)',
  }),
  basePort: setting({ flag: 'base-port', env: 'FLEET_SIM_BASE_PORT', parser: int(0, 65535), default: DEFAULT_BASE_PORT, description: 'TCP port of the first device; the others follow' }),
  host: setting({ flag: 'host', env: 'FLEET_SIM_HOST', parser: text('<address>'), default: DEFAULT_HOST, description: 'address the devices and the metrics endpoint listen on' }),
  homeMs: setting({ flag: 'home-ms', env: 'FLEET_SIM_HOME_MS', parser: int(0, 3_600_000), default: DEFAULT_HOME_MS, description: 'how long a stage takes to home' }),
  speedMmPerS: setting({ flag: 'stage-speed', env: 'FLEET_SIM_STAGE_SPEED', parser: positive(1_000_000), default: DEFAULT_STAGE_SPEED_MM_S, description: 'stage speed, mm/s' }),
  httpPort: setting({
    flag: 'http-port',
    env: 'FLEET_SIM_HTTP_PORT',
    parser: int(0, 65535),
    default: DEFAULT_HTTP_PORT,
    description: 'port of `/metrics` and `/healthz`; 0 = off (the container image sets 9465)',
  }),
  logLevel: logLevelSetting(),
};

/** Every setting of the simulator: flags, variables, defaults, for `--help` and the README. */
export const CONFIG_SCHEMA = defineSchema(
  { name: 'device-sim', summary: 'TCP simulators of cameras, stages and sensors, with fault injection.', usage: 'node apps/device-sim/dist/main.js [options]' },
  S,
);

/** The simulator's configuration. */
export interface SimConfig {
  readonly cameras: number;
  readonly stages: number;
  readonly sensors: number;
  readonly natsUrl: readonly string[];
  /** The credential files of the broker connection (none: anonymous). */
  readonly natsAuth: NatsAuthFiles;
  /** Faults in force from start-up (`--fault camera-1=hang`, repeatable; env comma-separated). */
  readonly faults: readonly StartupFault[];
  readonly basePort: number;
  readonly host: string;
  readonly homeMs: number;
  readonly speedMmPerS: number;
  readonly httpPort: number;
  readonly logLevel: LogLevel;
}

export type ConfigResult = LoadResult<SimConfig>;

/**
 * Builds the config from flags and environment (flag > FLEET_* env > default). Never throws:
 * unknown flags and invalid values come back as readable issues naming the flag or variable.
 */
export function loadConfig(argv: readonly string[], env: Env): ConfigResult {
  return loadSettings(CONFIG_SCHEMA, argv, env, ({ read, report }): SimConfig => {
    const natsAuth = readNatsAuth({ read, report });
    const faults: StartupFault[] = [];
    for (const spec of (read(S.faults) ?? '').split(',').filter((f) => f.trim() !== '')) {
      const parsed = parseFaultSpec(spec);
      if (parsed.ok) faults.push(parsed.fault);
      else report(S.faults, parsed.error);
    }
    const config = {
      cameras: read(S.cameras),
      stages: read(S.stages),
      sensors: read(S.sensors),
      natsUrl: read(S.natsUrl),
      natsAuth,
      faults,
      basePort: read(S.basePort),
      host: read(S.host),
      homeMs: read(S.homeMs),
      speedMmPerS: read(S.speedMmPerS),
      httpPort: read(S.httpPort),
      logLevel: read(S.logLevel),
    };
    if (config.basePort !== 0 && config.basePort + config.cameras + config.stages + config.sensors - 1 > 65535) {
      report(S.basePort, 'base port + device count exceeds 65535');
    }
    return config;
  });
}
