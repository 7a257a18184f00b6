import {
  NATS_AUTH_SETTINGS,
  defineSchema,
  int,
  loadConfig,
  natsUrlSetting,
  positive,
  readNatsAuth,
  required,
  setting,
  text,
  type Env,
  type LoadResult,
  type NatsAuthFiles,
} from '@fleet/app-config';

/** Status messages per second per virtual device unless `--hz` says otherwise. */
export const DEFAULT_LOAD_HZ = 10;
/** Device ids are `<prefix>-00001`...: distinct from the simulator's `camera-1`. */
export const DEFAULT_LOAD_PREFIX = 'vdev';

const S = {
  natsUrl: natsUrlSetting('the broker to load, or a cluster\'s servers comma-separated'),
  ...NATS_AUTH_SETTINGS,
  devices: required({ flag: 'devices', parser: int(1, 100_000), description: 'virtual devices to publish status for' }),
  hz: setting({ flag: 'hz', parser: positive(100), default: DEFAULT_LOAD_HZ, description: 'status messages per second per virtual device' }),
  prefix: setting({
    flag: 'prefix',
    parser: text('<prefix>', { pattern: /^[A-Za-z0-9_-]{1,32}$/, rule: 'letters, digits, _ and -, at most 32' }),
    default: DEFAULT_LOAD_PREFIX,
    description: 'device ids are `<prefix>-00001`...',
  }),
};

/** The load generator's settings, for `--help`. */
export const LOAD_GENERATOR_SCHEMA = defineSchema(
  {
    name: 'bench-load',
    summary: 'the bench\'s synthetic load: valid status for many virtual devices, straight to NATS.',
    usage: 'node apps/bench/dist/load-generator.js --devices <n> [options]',
  },
  S,
);

/** The load generator's settings. */
export interface LoadGeneratorConfig {
  natsUrl: string[];
  /** Credential files of the identity it publishes as (the bench's `agent-pool` identity); none: anonymous. */
  natsAuth: NatsAuthFiles;
  devices: number;
  hz: number;
  prefix: string;
}

/** Builds the load generator's config from its flags and environment; never throws. */
export function loadGeneratorConfig(argv: readonly string[], env: Env): LoadResult<LoadGeneratorConfig> {
  return loadConfig(LOAD_GENERATOR_SCHEMA, argv, env, (b) => ({
    natsUrl: b.read(S.natsUrl),
    natsAuth: readNatsAuth(b),
    devices: b.read(S.devices),
    hz: b.read(S.hz),
    prefix: b.read(S.prefix),
  }));
}
