import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseFaultSpec, type StartupFault } from './fault-spec';

export const DEFAULT_CAMERAS = 3;
export const DEFAULT_STAGES = 2;
export const DEFAULT_SENSORS = 0;
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_BASE_PORT = 7000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_HOME_MS = 1000;
export const DEFAULT_STAGE_SPEED_MM_S = 100;
export const DEFAULT_LOG_LEVEL = 'info';
/** Port of /metrics and /healthz; 0 = no HTTP endpoint (the local fleet and tests need none). */
export const DEFAULT_HTTP_PORT = 0;

const MAX_DEVICES = 5000;

/** A decimal integer given as text (flag or env). */
const intText = z.string().trim().regex(/^\d+$/, 'must be a non-negative integer').transform(Number);
const numberText = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative number')
  .transform(Number);

/** `NATS_URL`: one server or a comma-separated list (the nodes of a cluster); blanks between commas are ignored. */
const natsUrlList = z
  .string()
  .transform((text) => text.split(',').map((u) => u.trim()).filter((u) => u !== ''))
  .pipe(z.array(z.string().regex(/^(nats|tls|ws|wss):\/\/\S+$/, 'must be a nats:// URL')).min(1, 'needs at least one server URL'));

/** One `--fault` value, parsed into a device id and a fault request. */
const FaultSpecSchema = z.string().transform((text, ctx): StartupFault => {
  const parsed = parseFaultSpec(text);
  if (parsed.ok) return parsed.fault;
  ctx.addIssue({ code: 'custom', message: parsed.error });
  return z.NEVER;
});

const ConfigSchema = z
  .object({
    cameras: intText.pipe(z.number().max(MAX_DEVICES)).default(DEFAULT_CAMERAS),
    stages: intText.pipe(z.number().max(MAX_DEVICES)).default(DEFAULT_STAGES),
    sensors: intText.pipe(z.number().max(MAX_DEVICES)).default(DEFAULT_SENSORS),
    natsUrl: natsUrlList.default([DEFAULT_NATS_URL]),
    /** Faults in force from start-up (`--fault camera-1=hang`, repeatable; env comma-separated). */
    faults: z.array(FaultSpecSchema).default([]),
    basePort: intText.pipe(z.number().max(65535)).default(DEFAULT_BASE_PORT),
    host: z.string().trim().min(1).default(DEFAULT_HOST),
    homeMs: intText.default(DEFAULT_HOME_MS),
    speedMmPerS: numberText.pipe(z.number().positive()).default(DEFAULT_STAGE_SPEED_MM_S),
    httpPort: intText.pipe(z.number().max(65535)).default(DEFAULT_HTTP_PORT),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(DEFAULT_LOG_LEVEL),
  })
  .refine((c) => c.basePort === 0 || c.basePort + c.cameras + c.stages + c.sensors - 1 <= 65535, {
    message: 'base port + device count exceeds 65535',
    path: ['basePort'],
  });

/** The simulator's configuration. */
export type SimConfig = z.infer<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: SimConfig } | { ok: false; issues: string[] };

/**
 * Builds the config from flags and environment (flag > FLEET_* env > DEFAULT_*). Never throws:
 * unknown flags and invalid values come back as readable issues.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        cameras: { type: 'string' },
        stages: { type: 'string' },
        sensors: { type: 'string' },
        'nats-url': { type: 'string' },
        fault: { type: 'string', multiple: true },
        'base-port': { type: 'string' },
        host: { type: 'string' },
        'home-ms': { type: 'string' },
        'stage-speed': { type: 'string' },
        'http-port': { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, issues: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = ConfigSchema.safeParse({
    cameras: values.cameras ?? env.FLEET_SIM_CAMERAS,
    stages: values.stages ?? env.FLEET_SIM_STAGES,
    sensors: values.sensors ?? env.FLEET_SIM_SENSORS,
    natsUrl: values['nats-url'] ?? env.NATS_URL,
    faults: values.fault ?? env.FLEET_SIM_FAULTS?.split(',').filter((f) => f.trim() !== ''),
    basePort: values['base-port'] ?? env.FLEET_SIM_BASE_PORT,
    host: values.host ?? env.FLEET_SIM_HOST,
    homeMs: values['home-ms'] ?? env.FLEET_SIM_HOME_MS,
    speedMmPerS: values['stage-speed'] ?? env.FLEET_SIM_STAGE_SPEED,
    httpPort: values['http-port'] ?? env.FLEET_SIM_HTTP_PORT,
    logLevel: env.FLEET_LOG_LEVEL,
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
}
