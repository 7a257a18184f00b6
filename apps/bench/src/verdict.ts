import type { FleetStepResult } from './fleet-step';
import type { ScaleOutRun } from './scale-out-step';
import type { SyntheticStepResult } from './synthetic-step';

/** A step that could not run at all (see `BenchResults.failedSteps`). */
export interface FailedStep {
  kind: 'fleet' | 'synthetic' | 'scale-out';
  devices: number;
  agentMode: string | null;
  /** Scale-out steps only: the replica count that failed. */
  replicas?: number;
  error: string;
}

/** What the verdict looks at: every step measured, and every step that could not run. */
export interface StepOutcomes {
  fleet: readonly FleetStepResult[];
  synthetic: readonly SyntheticStepResult[];
  scaleOut: readonly ScaleOutRun[];
  failedSteps: readonly FailedStep[];
}

/** One step that missed its targets (or never ran), and why. */
export interface MissedStep {
  step: string;
  why: string;
}

const replicaWord = (n: number): string => `${n} replica${n === 1 ? '' : 's'}`;

/** Every step that missed its targets or could not run, in the order the bench runs them. */
export function missedSteps(results: StepOutcomes): MissedStep[] {
  const missed: MissedStep[] = [];
  for (const r of results.fleet) if (r.limit) missed.push({ step: `${r.agentMode} ${r.devices} devices`, why: r.limit });
  for (const r of results.synthetic) if (r.limit) missed.push({ step: `synthetic ${r.devices} devices`, why: r.limit });
  for (const r of results.scaleOut) {
    if (r.limit) missed.push({ step: `scale-out ${replicaWord(r.replicas)} at ${r.devices} devices`, why: r.limit });
  }
  for (const f of results.failedSteps) {
    const who =
      f.kind === 'scale-out'
        ? `scale-out ${replicaWord(f.replicas ?? 0)} at ${f.devices} devices`
        : `${f.kind === 'synthetic' ? 'synthetic' : (f.agentMode ?? 'fleet')} ${f.devices} devices`;
    missed.push({ step: who, why: `could not run: ${f.error}` });
  }
  return missed;
}

/**
 * The bench's closing line: names every step that missed its targets, and says that every step
 * held only when at least one ran and none missed.
 */
export function closingLine(results: StepOutcomes): string {
  const ran = results.fleet.length + results.synthetic.length + results.scaleOut.length + results.failedSteps.length;
  if (ran === 0) return 'no fleet, synthetic or scale-out step ran';
  const missed = missedSteps(results);
  if (missed.length === 0) return `every step held its targets (${ran} step${ran === 1 ? '' : 's'})`;
  const steps = missed.map((m) => `${m.step} (${m.why})`).join('; ');
  return `${missed.length} of ${ran} step${ran === 1 ? '' : 's'} missed ${missed.length === 1 ? 'its' : 'their'} targets: ${steps}`;
}
