import {
  choice,
  choiceList,
  defineSchema,
  derived,
  flagSwitch,
  int,
  intList,
  loadConfig as loadSettings,
  optional,
  positive,
  setting,
  text,
  type Env,
  type LoadResult,
} from '@fleet/app-config';

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
const AGENT_MODES = ['process', 'dense', 'both'] as const;

const quick = setting({ flag: 'quick', parser: flagSwitch(), default: false, description: 'a smoke run: every step shrunk (the defaults marked "quick" below)' });

const S = {
  quick,
  steps: derived({
    flag: 'steps',
    parser: intList(1, 100_000),
    defaultText: `\`${DEFAULT_STEPS.join(',')}\` (quick: \`4\`)`,
    from: (read) => (read(quick) ? [4] : [...DEFAULT_STEPS]),
    description: 'fleet sizes, in devices, of the fleet step',
  }),
  max: optional({ flag: 'max', parser: int(1, 1_000_000), description: 'keep doubling the fleet past the last step up to this many devices' }),
  synthetic: derived({
    flag: 'synthetic',
    parser: intList(1, 1_000_000),
    defaultText: `\`${DEFAULT_SYNTHETIC.join(',')}\` (quick: \`200\`)`,
    from: (read) => (read(quick) ? [200] : [...DEFAULT_SYNTHETIC]),
    description: 'virtual device counts of the synthetic load step (straight to NATS, no agents)',
  }),
  stepSeconds: derived({
    flag: 'step-seconds',
    parser: positive(3600),
    defaultText: `\`${DEFAULT_STEP_SECONDS}\` (quick: \`3\`)`,
    from: (read) => (read(quick) ? 3 : DEFAULT_STEP_SECONDS),
    description: 'measuring window of each fleet and synthetic step',
  }),
  agentMode: setting({ flag: 'agent-mode', parser: choice(AGENT_MODES), default: 'both', description: 'fleet step agents: one process per device, one dense agent, or both' }),
  fanoutClients: derived({
    flag: 'fanout-clients',
    parser: int(0, 200),
    defaultText: `\`${DEFAULT_FANOUT_CLIENTS}\` (quick: \`3\`)`,
    from: (read) => (read(quick) ? 3 : DEFAULT_FANOUT_CLIENTS),
    description: 'Socket.IO clients of the fan-out measurement',
  }),
  agentMemorySeconds: derived({
    flag: 'agent-memory-seconds',
    parser: int(0, 86_400),
    defaultText: `\`${DEFAULT_AGENT_MEMORY_SECONDS}\` (quick: \`5\`)`,
    from: (read) => (read(quick) ? 5 : DEFAULT_AGENT_MEMORY_SECONDS),
    description: 'how long one agent\'s memory is sampled; 0 skips it',
  }),
  out: setting({ flag: 'out', parser: text('<dir>'), default: DEFAULT_OUT_DIR, description: 'where the results (JSON, markdown, charts) are written' }),
  scaleout: derived({
    flag: 'scaleout',
    parser: intList(1, MAX_SCALEOUT_REPLICAS),
    defaultText: `\`${DEFAULT_SCALEOUT.join(',')}\` (quick: \`1,2\`)`,
    from: (read) => (read(quick) ? [1, 2] : [...DEFAULT_SCALEOUT]),
    description: 'controller replica counts of the scale-out step',
  }),
  scaleoutDevices: derived({
    flag: 'scaleout-devices',
    parser: intList(1, 100_000),
    defaultText: `\`${DEFAULT_SCALEOUT_DEVICES.join(',')}\` (quick: \`500\`)`,
    from: (read) => (read(quick) ? [500] : [...DEFAULT_SCALEOUT_DEVICES]),
    description: 'offered loads of the scale-out step, in virtual devices at 10 Hz',
  }),
  scaleoutSeconds: derived({
    flag: 'scaleout-seconds',
    parser: positive(600),
    defaultText: `\`${DEFAULT_SCALEOUT_SECONDS}\` (quick: \`2\`)`,
    from: (read) => (read(quick) ? 2 : DEFAULT_SCALEOUT_SECONDS),
    description: 'measuring window of each scale-out load, after its warm-up',
  }),
  only: setting({ flag: 'only', parser: choiceList(BENCH_PARTS), default: [...BENCH_PARTS], description: 'the parts to run, comma-separated: `fleet`, `synthetic`, `memory`, `scaleout`' }),
};

/** Every setting of the benchmark, for `--help` and the README. */
export const CONFIG_SCHEMA = defineSchema(
  {
    name: 'bench',
    summary: 'the benchmark: fleets of agents, synthetic load, agent memory and controller scale-out, written to bench/results.',
    usage: 'npm run bench -- [options]   (or node apps/bench/dist/main.js [options])',
  },
  S,
);

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
  /** Where to look for `nats-server` (the `PATH` it was started with). */
  path: string | undefined;
}

/** Builds the config from flags (and `PATH` from the environment); never throws. */
export function loadConfig(argv: readonly string[], env: Env): LoadResult<BenchConfig> {
  return loadSettings(CONFIG_SCHEMA, argv, env, ({ read }): BenchConfig => {
    const steps = read(S.steps);
    const max = read(S.max) ?? Math.max(...steps);
    // --max adds doubling steps beyond the largest given one, while the machine holds.
    for (let n = Math.max(...steps) * 2; n <= max; n *= 2) steps.push(n);
    const agentMode = read(S.agentMode);
    return {
      quick: read(S.quick),
      steps: steps.filter((n) => n <= max),
      synthetic: read(S.synthetic),
      stepSeconds: read(S.stepSeconds),
      agentModes: agentMode === 'both' ? ['process', 'dense'] : [agentMode],
      fanoutClients: read(S.fanoutClients),
      agentMemorySeconds: read(S.agentMemorySeconds),
      out: read(S.out),
      scaleout: read(S.scaleout),
      scaleoutDevices: read(S.scaleoutDevices),
      scaleoutSeconds: read(S.scaleoutSeconds),
      parts: new Set(read(S.only)),
      path: env.PATH,
    };
  });
}
