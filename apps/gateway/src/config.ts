import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GATEWAY_PORT } from '@fleet/contracts';
import { z } from 'zod';
import { loadTokens, type TokenEntry } from './auth/tokens';

/** Defaults used when neither a flag nor an environment variable sets a value. */
export const DEFAULT_HOST = '0.0.0.0';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Numbers arrive as strings from flags and env; coerce, but reject blanks rather than reading 0. */
const numberFrom = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .transform((s) => Number(s))
  .pipe(z.number().finite());

const ConfigSchema = z.object({
  port: numberFrom.pipe(z.number().int().min(0).max(65535)),
  host: z.string().min(1),
  natsUrl: z
    .string()
    .min(1)
    .transform((s) => s.split(',').map((u) => u.trim()).filter((u) => u.length > 0))
    .pipe(z.array(z.string().min(1)).min(1, 'needs at least one server URL')),
  uiDir: z.string().min(1),
  flushHz: numberFrom.pipe(z.number().positive().max(100)),
  commandTimeoutMs: numberFrom.pipe(z.number().int().min(100).max(60_000)),
  /** 0 turns retries off: one attempt of `commandTimeoutMs`. */
  commandRetryMs: numberFrom.pipe(z.number().int().min(0).max(300_000)),
  logLevel: z.enum(LOG_LEVELS),
  commandRate: numberFrom.pipe(z.number().positive().max(1000)),
});

/** The gateway's validated configuration, with the accepted tokens. */
export type GatewayConfig = z.infer<typeof ConfigSchema> & { readonly tokens: readonly TokenEntry[] };

/** Result of {@link loadConfig}: either a config or the readable problems that prevent one. */
export type ConfigResult = { ok: true; config: GatewayConfig } | { ok: false; errors: string[] };

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

/**
 * Builds the config from flags > `FLEET_*` / `NATS_URL` env > defaults (docs/conventions.md).
 * Never throws: unknown flags and invalid values come back as `errors`.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'nats-url': { type: 'string' },
        'ui-dir': { type: 'string' },
        'flush-hz': { type: 'string' },
        'command-timeout-ms': { type: 'string' },
        'command-retry-ms': { type: 'string' },
        'log-level': { type: 'string' },
        tokens: { type: 'string' },
        'tokens-file': { type: 'string' },
        'command-rate': { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, errors: [err instanceof Error ? err.message : String(err)] };
  }
  const flag = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const raw = {
    port: flag('port') ?? env.FLEET_GATEWAY_PORT ?? String(DEFAULT_GATEWAY_PORT),
    host: flag('host') ?? env.FLEET_GATEWAY_HOST ?? DEFAULT_HOST,
    natsUrl: flag('nats-url') ?? env.NATS_URL ?? DEFAULT_NATS_URL,
    uiDir: path.resolve(flag('ui-dir') ?? env.FLEET_UI_DIR ?? defaultUiDir()),
    flushHz: flag('flush-hz') ?? env.FLEET_FLUSH_HZ ?? String(DEFAULT_FLUSH_HZ),
    commandTimeoutMs:
      flag('command-timeout-ms') ?? env.FLEET_COMMAND_TIMEOUT_MS ?? String(DEFAULT_COMMAND_TIMEOUT_MS),
    commandRetryMs: flag('command-retry-ms') ?? env.FLEET_COMMAND_RETRY_MS ?? String(DEFAULT_COMMAND_RETRY_MS),
    logLevel: flag('log-level') ?? env.FLEET_LOG_LEVEL ?? DEFAULT_LOG_LEVEL,
    commandRate: flag('command-rate') ?? env.FLEET_COMMAND_RATE ?? String(DEFAULT_COMMAND_RATE),
  };
  const parsed = ConfigSchema.safeParse(raw);
  const tokens = loadTokens(tokenSources(flag, env));
  const errors = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`)),
    ...(tokens.ok ? [] : tokens.errors),
  ];
  if (!parsed.success || !tokens.ok) return { ok: false, errors };
  return { ok: true, config: { ...parsed.data, tokens: tokens.tokens } };
}

/** Flags before environment; a list before a file at the same level. */
function tokenSources(flag: (name: string) => string | undefined, env: NodeJS.ProcessEnv) {
  const fromFlags = { list: flag('tokens'), listName: '--tokens', file: flag('tokens-file'), fileName: '--tokens-file' };
  if (fromFlags.list !== undefined || fromFlags.file !== undefined) return fromFlags;
  return { list: env.FLEET_TOKENS, listName: 'FLEET_TOKENS', file: env.FLEET_TOKENS_FILE, fileName: 'FLEET_TOKENS_FILE' };
}
