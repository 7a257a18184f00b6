import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEFAULT_CAMERAS = 3;
export const DEFAULT_STAGES = 2;
export const DEFAULT_BASE_PORT = 7000;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_HOME_MS = 1000;
export const DEFAULT_STAGE_SPEED_MM_S = 100;
export const DEFAULT_LOG_LEVEL = 'info';

const MAX_DEVICES = 5000;

/** A decimal integer given as text (flag or env). */
const intText = z.string().trim().regex(/^\d+$/, 'must be a non-negative integer').transform(Number);
const numberText = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative number')
  .transform(Number);

const ConfigSchema = z
  .object({
    cameras: intText.pipe(z.number().max(MAX_DEVICES)).default(DEFAULT_CAMERAS),
    stages: intText.pipe(z.number().max(MAX_DEVICES)).default(DEFAULT_STAGES),
    basePort: intText.pipe(z.number().max(65535)).default(DEFAULT_BASE_PORT),
    host: z.string().trim().min(1).default(DEFAULT_HOST),
    homeMs: intText.default(DEFAULT_HOME_MS),
    speedMmPerS: numberText.pipe(z.number().positive()).default(DEFAULT_STAGE_SPEED_MM_S),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(DEFAULT_LOG_LEVEL),
  })
  .refine((c) => c.basePort === 0 || c.basePort + c.cameras + c.stages - 1 <= 65535, {
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
        'base-port': { type: 'string' },
        host: { type: 'string' },
        'home-ms': { type: 'string' },
        'stage-speed': { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, issues: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = ConfigSchema.safeParse({
    cameras: values.cameras ?? env.FLEET_SIM_CAMERAS,
    stages: values.stages ?? env.FLEET_SIM_STAGES,
    basePort: values['base-port'] ?? env.FLEET_SIM_BASE_PORT,
    host: values.host ?? env.FLEET_SIM_HOST,
    homeMs: values['home-ms'] ?? env.FLEET_SIM_HOME_MS,
    speedMmPerS: values['stage-speed'] ?? env.FLEET_SIM_STAGE_SPEED,
    logLevel: env.FLEET_LOG_LEVEL,
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
}
