import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEFAULT_STEPS = [10, 50, 100, 200, 500];
export const DEFAULT_SYNTHETIC = [1000, 2000, 5000, 10000];
export const DEFAULT_STEP_SECONDS = 30;
export const DEFAULT_FANOUT_CLIENTS = 20;
export const DEFAULT_AGENT_MEMORY_SECONDS = 300;
export const DEFAULT_OUT_DIR = 'bench/results';

const list = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
  .transform((s) => s.split(',').map(Number));

const ConfigSchema = z.object({
  quick: z.boolean(),
  steps: list.optional(),
  max: z.coerce.number().int().positive().optional(),
  synthetic: list.optional(),
  stepSeconds: z.coerce.number().positive().optional(),
  agentMode: z.enum(['process', 'dense', 'both']).default('both'),
  fanoutClients: z.coerce.number().int().min(0).max(200).optional(),
  agentMemorySeconds: z.coerce.number().int().min(0).optional(),
  out: z.string().min(1).default(DEFAULT_OUT_DIR),
  path: z.string().optional(),
});

/** The benchmark's settings after defaults: `--quick` shrinks every step for a smoke run. */
export interface BenchConfig {
  quick: boolean;
  steps: number[];
  synthetic: number[];
  stepSeconds: number;
  agentModes: Array<'process' | 'dense'>;
  fanoutClients: number;
  agentMemorySeconds: number;
  out: string;
  path: string | undefined;
}

/** Builds the config from flags and the environment. */
export function loadConfig(argv: string[], env: NodeJS.ProcessEnv): z.ZodSafeParseResult<BenchConfig> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      steps: { type: 'string' },
      max: { type: 'string' },
      synthetic: { type: 'string' },
      'step-seconds': { type: 'string' },
      'agent-mode': { type: 'string' },
      'fanout-clients': { type: 'string' },
      'agent-memory-seconds': { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  return ConfigSchema.transform((c): BenchConfig => {
    const steps = c.steps ?? (c.quick ? [4] : DEFAULT_STEPS);
    const max = c.max ?? Math.max(...steps);
    // --max adds doubling steps beyond the largest default one, while the machine holds.
    for (let n = Math.max(...steps) * 2; n <= max; n *= 2) steps.push(n);
    return {
      quick: c.quick,
      steps: steps.filter((n) => n <= max),
      synthetic: c.synthetic ?? (c.quick ? [200] : DEFAULT_SYNTHETIC),
      stepSeconds: c.stepSeconds ?? (c.quick ? 3 : DEFAULT_STEP_SECONDS),
      agentModes: c.agentMode === 'both' ? ['process', 'dense'] : [c.agentMode],
      fanoutClients: c.fanoutClients ?? (c.quick ? 3 : DEFAULT_FANOUT_CLIENTS),
      agentMemorySeconds: c.agentMemorySeconds ?? (c.quick ? 5 : DEFAULT_AGENT_MEMORY_SECONDS),
      out: c.out,
      path: c.path,
    };
  }).safeParse({
    quick: values.quick,
    steps: values.steps,
    max: values.max,
    synthetic: values.synthetic,
    stepSeconds: values['step-seconds'],
    agentMode: values['agent-mode'],
    fanoutClients: values['fanout-clients'],
    agentMemorySeconds: values['agent-memory-seconds'],
    out: values.out,
    path: env.PATH,
  });
}
