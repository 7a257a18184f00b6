import { parseArgs } from 'node:util';
import { DEFAULT_CAMERAS, DEFAULT_STAGES, DEFAULT_STATUS_HZ } from '@fleet/fleet-runner';
import { z } from 'zod';

export const DEFAULT_GATEWAY_PORT = 8080;
export const DEFAULT_SENSORS = 0;

const ConfigSchema = z.object({
  natsUrl: z.string().min(1).optional(),
  cameras: z.coerce.number().int().min(0).max(1000).default(DEFAULT_CAMERAS),
  stages: z.coerce.number().int().min(0).max(1000).default(DEFAULT_STAGES),
  sensors: z.coerce.number().int().min(0).max(1000).default(DEFAULT_SENSORS),
  port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_GATEWAY_PORT),
  statusHz: z.coerce.number().positive().max(100).default(DEFAULT_STATUS_HZ),
  stepMs: z.coerce.number().int().positive().optional(),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  path: z.string().optional(),
});

/** The launcher's configuration. */
export type LauncherConfig = z.infer<typeof ConfigSchema>;

/** Builds the config from flags, then FLEET_* / NATS_URL env, then defaults. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): z.ZodSafeParseResult<LauncherConfig> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'nats-url': { type: 'string' },
      cameras: { type: 'string' },
      stages: { type: 'string' },
      sensors: { type: 'string' },
      port: { type: 'string' },
      'status-hz': { type: 'string' },
      'step-ms': { type: 'string' },
    },
    strict: true,
  });
  return ConfigSchema.safeParse({
    natsUrl: values['nats-url'] ?? env.NATS_URL,
    cameras: values.cameras ?? env.FLEET_SIM_CAMERAS,
    stages: values.stages ?? env.FLEET_SIM_STAGES,
    sensors: values.sensors ?? env.FLEET_SIM_SENSORS,
    port: values.port ?? env.FLEET_GATEWAY_PORT,
    statusHz: values['status-hz'] ?? env.FLEET_STATUS_HZ,
    stepMs: values['step-ms'] ?? env.FLEET_STEP_MS,
    logLevel: env.FLEET_LOG_LEVEL,
    path: env.PATH,
  });
}
