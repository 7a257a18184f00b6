import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  DEFAULT_NATS_URL,
  defineSchema,
  filePath,
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
  type Builder,
  type Env,
  type LoadResult,
  type LogLevel,
} from '@fleet/app-config';
import { DEFAULT_GATEWAY_PORT } from '@fleet/contracts';
import { loadTokens, type TokenEntry, type TokenSources } from './auth/tokens';

export { DEFAULT_NATS_URL };
/** Defaults used when neither a flag nor an environment variable sets a value. */
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_FLUSH_HZ = 20;
export const DEFAULT_COMMAND_TIMEOUT_MS = 3000;
/**
 * How long a command or alarm ack keeps being retried (same requestId) after "no responders" or a
 * timeout: long enough to ride out a controller replica's partitions changing hands.
 */
export const DEFAULT_COMMAND_RETRY_MS = 5000;
export const DEFAULT_LOG_LEVEL = 'info';
/** Commands and alarm acks per second per client; bursts of twice that are allowed. */
export const DEFAULT_COMMAND_RATE = 5;

/**
 * The built UI: `dist` next to the `@fleet/ui` package, or the sibling `apps/ui/dist` when the
 * package cannot be resolved (e.g. the gateway's dist copied elsewhere with its apps folder).
 */
export function defaultUiDir(): string {
  try {
    return path.join(path.dirname(require.resolve('@fleet/ui/package.json')), 'dist');
  } catch {
    return path.resolve(__dirname, '..', '..', 'ui', 'dist');
  }
}

/** True when `dir` holds a built UI. */
export function hasBuiltUi(dir: string): boolean {
  return existsSync(path.join(dir, 'index.html'));
}

const S = {
  port: setting({
    flag: 'port',
    env: 'FLEET_GATEWAY_PORT',
    parser: int(0, 65535),
    default: DEFAULT_GATEWAY_PORT,
    description: 'HTTP port: UI, Socket.IO, `/metrics`, `/healthz`, `/readyz`',
  }),
  host: setting({ flag: 'host', env: 'FLEET_GATEWAY_HOST', parser: text('<address>'), default: DEFAULT_HOST, description: 'address the gateway listens on' }),
  natsUrl: natsUrlSetting(),
  ...NATS_AUTH_SETTINGS,
  uiDir: setting({ flag: 'ui-dir', env: 'FLEET_UI_DIR', parser: filePath('<dir>'), default: defaultUiDir(), defaultText: 'the built `apps/ui/dist`', description: 'the built UI it serves' }),
  flushHz: setting({ flag: 'flush-hz', env: 'FLEET_FLUSH_HZ', parser: positive(100), default: DEFAULT_FLUSH_HZ, description: 'batches per second per browser, at most' }),
  commandTimeoutMs: setting({
    flag: 'command-timeout-ms',
    env: 'FLEET_COMMAND_TIMEOUT_MS',
    parser: int(100, 60_000),
    default: DEFAULT_COMMAND_TIMEOUT_MS,
    description: 'how long the gateway waits for the controller\'s command reply',
  }),
  /** 0 turns retries off: one attempt of `commandTimeoutMs`. */
  commandRetryMs: setting({
    flag: 'command-retry-ms',
    env: 'FLEET_COMMAND_RETRY_MS',
    parser: int(0, 300_000),
    default: DEFAULT_COMMAND_RETRY_MS,
    description:
      'how long the gateway keeps resending a command or alarm acknowledgement (same requestId) after no responders or a timeout, e.g. while its partition changes owner; 0 = one attempt',
  }),
  logLevel: logLevelSetting(),
  commandRate: setting({
    flag: 'command-rate',
    env: 'FLEET_COMMAND_RATE',
    parser: positive(1000),
    default: DEFAULT_COMMAND_RATE,
    description: 'commands and acks per second per client (bursts of twice that)',
  }),
  tokens: optional({
    flag: 'tokens',
    env: 'FLEET_TOKENS',
    parser: text('<user:role:secret,...>'),
    secret: true,
    defaultText: '(required, or a tokens file)',
    description: 'comma-separated `user:role:secret`, role `viewer` or `operator` (Kubernetes: Secret `fleet-tokens`)',
  }),
  tokensFile: optional({
    flag: 'tokens-file',
    env: 'FLEET_TOKENS_FILE',
    parser: filePath('<file>'),
    secret: true,
    description: 'a file with one `user:role:secret` per line, used when no list is given (compose: a secret)',
  }),
};

/** Every setting of the gateway: flags, variables, defaults, for `--help` and the README. */
export const CONFIG_SCHEMA = defineSchema(
  {
    name: 'gateway',
    summary: 'relays the fleet to browsers over Socket.IO, with tokens and roles, and serves the UI; /metrics, /healthz, /readyz.',
    usage: 'node apps/gateway/dist/main.js --tokens-file <file> [options]',
  },
  S,
);

/** The gateway's validated configuration, with the accepted tokens. */
export interface GatewayConfig {
  readonly port: number;
  readonly host: string;
  readonly natsUrl: string[];
  /** The credential files of the broker connection (none: anonymous). */
  readonly natsAuth: NatsAuthFiles;
  readonly uiDir: string;
  readonly flushHz: number;
  readonly commandTimeoutMs: number;
  /** 0 turns retries off: one attempt of `commandTimeoutMs`. */
  readonly commandRetryMs: number;
  readonly logLevel: LogLevel;
  readonly commandRate: number;
  readonly tokens: readonly TokenEntry[];
}

/** Result of {@link loadConfig}: either a config or the readable problems that prevent one. */
export type ConfigResult = LoadResult<GatewayConfig>;

/** Flags before environment; a list before a file at the same level. */
function tokenSources({ read, origin, nameOf }: Builder): TokenSources {
  const fromFlags = [S.tokens, S.tokensFile].some((s) => origin(s) === 'flag');
  const at = (s: typeof S.tokens): string | undefined => (fromFlags === (origin(s) === 'flag') ? read(s) : undefined);
  return { list: at(S.tokens), listName: nameOf(S.tokens), file: at(S.tokensFile), fileName: nameOf(S.tokensFile) };
}

/**
 * Builds the config from flags > `FLEET_*` / `NATS_URL` env > defaults (docs/conventions.md).
 * Never throws: unknown flags and invalid values come back as issues.
 */
export function loadConfig(argv: readonly string[], env: Env): ConfigResult {
  return loadSettings(CONFIG_SCHEMA, argv, env, (b): GatewayConfig => {
    const { read } = b;
    const tokens = loadTokens(tokenSources(b));
    // Token errors name their source themselves (and never a secret).
    if (!tokens.ok) for (const error of tokens.errors) b.addIssue(error);
    return {
      port: read(S.port),
      host: read(S.host),
      natsUrl: read(S.natsUrl),
      natsAuth: readNatsAuth(b),
      uiDir: read(S.uiDir),
      flushHz: read(S.flushHz),
      commandTimeoutMs: read(S.commandTimeoutMs),
      commandRetryMs: read(S.commandRetryMs),
      logLevel: read(S.logLevel),
      commandRate: read(S.commandRate),
      tokens: tokens.ok ? tokens.tokens : [],
    };
  });
}
