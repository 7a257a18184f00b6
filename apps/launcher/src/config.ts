import { parseArgs } from 'node:util';
import { DEFAULT_PARTITIONS, MAX_PARTITIONS } from '@fleet/contracts';
import { DEFAULT_CAMERAS, DEFAULT_CONTROLLERS, DEFAULT_NATS_NODES, DEFAULT_STAGES, DEFAULT_STATUS_HZ } from '@fleet/fleet-runner';
import { z } from 'zod';

export const DEFAULT_GATEWAY_PORT = 8080;
export const DEFAULT_SENSORS = 0;
/** More controller replicas than this on one laptop only compete for its cores. */
export const MAX_CONTROLLERS = 16;
/** A local broker is one server or a 3-node cluster (the smallest that survives losing a node). */
export const NATS_NODE_CHOICES = [1, 3] as const;

/** `NATS_URL`: one server or a comma-separated list (the nodes of a cluster); blanks between commas are ignored. */
const natsUrlList = z
  .string()
  .transform((text) => text.split(',').map((u) => u.trim()).filter((u) => u !== ''))
  .pipe(z.array(z.string().regex(/^(nats|tls|ws|wss):\/\/\S+$/, 'must be a nats:// URL')).min(1, 'needs at least one server URL'));

const ConfigSchema = z
  .object({
    natsUrl: natsUrlList.optional(),
    cameras: z.coerce.number().int().min(0).max(1000).default(DEFAULT_CAMERAS),
    stages: z.coerce.number().int().min(0).max(1000).default(DEFAULT_STAGES),
    sensors: z.coerce.number().int().min(0).max(1000).default(DEFAULT_SENSORS),
    port: z.coerce.number().int().min(0).max(65535).default(DEFAULT_GATEWAY_PORT),
    statusHz: z.coerce.number().positive().max(100).default(DEFAULT_STATUS_HZ),
    stepMs: z.coerce.number().int().positive().optional(),
    controllers: z.coerce.number().int().min(1).max(MAX_CONTROLLERS).default(DEFAULT_CONTROLLERS),
    natsNodes: z.coerce
      .number()
      .pipe(z.union(NATS_NODE_CHOICES.map((n) => z.literal(n)), { error: `must be one of ${NATS_NODE_CHOICES.join(', ')}` }))
      .default(DEFAULT_NATS_NODES),
    partitions: z.coerce.number().int().min(1).max(MAX_PARTITIONS).default(DEFAULT_PARTITIONS),
    logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
    path: z.string().optional(),
  })
  .refine((c) => c.natsUrl === undefined || c.natsNodes === DEFAULT_NATS_NODES, {
    message: 'the broker is given by NATS_URL / --nats-url; --nats-nodes only shapes the broker npm start starts itself',
    path: ['natsNodes'],
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
      controllers: { type: 'string' },
      'nats-nodes': { type: 'string' },
      partitions: { type: 'string' },
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
    controllers: values.controllers ?? env.FLEET_CONTROLLERS,
    natsNodes: values['nats-nodes'] ?? env.FLEET_NATS_NODES,
    partitions: values.partitions ?? env.FLEET_PARTITIONS,
    logLevel: env.FLEET_LOG_LEVEL,
    path: env.PATH,
  });
}
