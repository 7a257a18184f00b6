import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DEFAULT_STEPS = [10, 50, 100, 200, 500];
export const DEFAULT_SYNTHETIC = [1000, 2000, 5000, 10000];
export const DEFAULT_STEP_SECONDS = 30;
export const DEFAULT_FANOUT_CLIENTS = 20;
export const DEFAULT_AGENT_MEMORY_SECONDS = 300;
export const DEFAULT_OUT_DIR = 'bench/results';
/** Controller replica counts of the scale-out step. */
export const DEFAULT_SCALEOUT = [1, 2, 4];
/**
 * Offered loads of the scale-out step, in virtual devices at 10 Hz: 40k status/s, which one
 * replica handles on 2 cores, and 70k status/s, past which one replica falls behind, loses its
 * partition leases and flaps while several replicas still keep up.
 */
export const DEFAULT_SCALEOUT_DEVICES = [4000, 7000];
/** Measuring window of each scale-out load, after its warm-up. */
export const DEFAULT_SCALEOUT_SECONDS = 8;
/** The parts of the benchmark that `--only` can pick. */
export const BENCH_PARTS = ['fleet', 'synthetic', 'memory', 'scaleout'] as const;
/** One part of the benchmark. */
export type BenchPart = (typeof BENCH_PARTS)[number];
/** More replicas than partitions would leave some idle, which measures nothing. */
const MAX_SCALEOUT_REPLICAS = 16;

const list = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of whole numbers')
  .transform((s) => s.split(',').map(Number));

const replicaCounts = list.pipe(z.array(z.number().int().min(1).max(MAX_SCALEOUT_REPLICAS)).min(1));
const deviceCounts = list.pipe(z.array(z.number().int().min(1).max(100_000)).min(1));

/** `--only fleet,scaleout`: the parts to run, blanks between commas ignored. */
const partList = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(z.enum(BENCH_PARTS)).min(1, `names at least one of ${BENCH_PARTS.join(', ')}`));

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
  scaleout: replicaCounts.optional(),
  scaleoutDevices: deviceCounts.optional(),
  scaleoutSeconds: z.coerce.number().positive().max(600).optional(),
  only: partList.optional(),
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
  /** Controller replica counts of the scale-out step, each run under every load of `scaleoutDevices`. */
  scaleout: number[];
  scaleoutDevices: number[];
  scaleoutSeconds: number;
  /** The parts of the benchmark to run. */
  parts: ReadonlySet<BenchPart>;
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
      scaleout: { type: 'string' },
      'scaleout-devices': { type: 'string' },
      'scaleout-seconds': { type: 'string' },
      only: { type: 'string' },
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
      scaleout: c.scaleout ?? (c.quick ? [1, 2] : DEFAULT_SCALEOUT),
      scaleoutDevices: c.scaleoutDevices ?? (c.quick ? [500] : DEFAULT_SCALEOUT_DEVICES),
      scaleoutSeconds: c.scaleoutSeconds ?? (c.quick ? 2 : DEFAULT_SCALEOUT_SECONDS),
      parts: new Set(c.only ?? BENCH_PARTS),
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
    scaleout: values.scaleout,
    scaleoutDevices: values['scaleout-devices'],
    scaleoutSeconds: values['scaleout-seconds'],
    only: values.only,
    path: env.PATH,
  });
}
