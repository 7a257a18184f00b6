import { parseArgs } from 'node:util';
import { DeviceIdSchema, DeviceKindNameSchema } from '@fleet/contracts';
import { z } from 'zod';

export const DEFAULT_DEVICE_HOST = '127.0.0.1';
export const DEFAULT_STATUS_HZ = 10;
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';
export const DEFAULT_REQUEST_TIMEOUT_MS = 300;
export const DEFAULT_LOG_LEVEL = 'info';

const intText = z.string().trim().regex(/^\d+$/, 'must be a non-negative integer').transform(Number);
const numberText = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'must be a non-negative number')
  .transform(Number);

const ConfigSchema = z.object({
  deviceId: DeviceIdSchema,
  kind: DeviceKindNameSchema,
  deviceHost: z.string().trim().min(1).default(DEFAULT_DEVICE_HOST),
  devicePort: intText.pipe(z.number().min(1).max(65535)),
  statusHz: numberText.pipe(z.number().positive().max(100)).default(DEFAULT_STATUS_HZ),
  natsUrl: z.string().trim().min(1).default(DEFAULT_NATS_URL),
  requestTimeoutMs: intText.pipe(z.number().min(10).max(60_000)).default(DEFAULT_REQUEST_TIMEOUT_MS),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default(DEFAULT_LOG_LEVEL),
});

/** The agent's configuration. */
export type AgentConfig = z.infer<typeof ConfigSchema>;

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; issues: string[] };

/**
 * Builds the config from flags and environment (flag > FLEET_* / NATS_URL env > DEFAULT_*).
 * Never throws: unknown flags and invalid values come back as readable issues.
 */
export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ConfigResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'device-id': { type: 'string' },
        kind: { type: 'string' },
        'device-host': { type: 'string' },
        'device-port': { type: 'string' },
        'status-hz': { type: 'string' },
        'nats-url': { type: 'string' },
        'request-timeout-ms': { type: 'string' },
      },
    }));
  } catch (err) {
    return { ok: false, issues: [err instanceof Error ? err.message : String(err)] };
  }
  const parsed = ConfigSchema.safeParse({
    deviceId: values['device-id'] ?? env.FLEET_DEVICE_ID,
    kind: values.kind ?? env.FLEET_DEVICE_KIND,
    deviceHost: values['device-host'] ?? env.FLEET_DEVICE_HOST,
    devicePort: values['device-port'] ?? env.FLEET_DEVICE_PORT,
    statusHz: values['status-hz'] ?? env.FLEET_STATUS_HZ,
    natsUrl: values['nats-url'] ?? env.NATS_URL,
    requestTimeoutMs: values['request-timeout-ms'] ?? env.FLEET_REQUEST_TIMEOUT_MS,
    logLevel: env.FLEET_LOG_LEVEL,
  });
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`) };
}
