import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Status messages per second per virtual device unless `--hz` says otherwise. */
export const DEFAULT_LOAD_HZ = 10;
/** Device ids are `<prefix>-00001`...: distinct from the simulator's `camera-1`. */
export const DEFAULT_LOAD_PREFIX = 'vdev';

/** `--nats-url`: one server or a comma-separated list (the nodes of a cluster); blanks between commas are ignored. */
const natsUrlList = z
  .string()
  .transform((text) => text.split(',').map((u) => u.trim()).filter((u) => u !== ''))
  .pipe(z.array(z.string().regex(/^(nats|tls|ws|wss):\/\/\S+$/, 'must be a nats:// URL')).min(1, 'needs at least one server URL'));

const ConfigSchema = z.object({
  natsUrl: natsUrlList,
  devices: z.coerce.number().int().min(1).max(100_000),
  hz: z.coerce.number().positive().max(100).default(DEFAULT_LOAD_HZ),
  prefix: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default(DEFAULT_LOAD_PREFIX),
});

/** The load generator's settings. */
export type LoadGeneratorConfig = z.infer<typeof ConfigSchema>;

/** Builds the load generator's config from its flags (the bench passes every setting explicitly). */
export function loadGeneratorConfig(argv: readonly string[]): z.ZodSafeParseResult<LoadGeneratorConfig> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { 'nats-url': { type: 'string' }, devices: { type: 'string' }, hz: { type: 'string' }, prefix: { type: 'string' } },
  });
  return ConfigSchema.safeParse({ natsUrl: values['nats-url'], devices: values.devices, hz: values.hz, prefix: values.prefix });
}
