import { startFleet } from '@fleet/fleet-runner';
import { sampleProcess } from './proc-stats';
import type { Progress } from './progress';
import { round } from './stats';

/** One agent's private memory over a run at 10 Hz. */
export interface AgentMemoryResult {
  kind: 'agent-memory';
  seconds: number;
  /** USS in MB at each sample, `[seconds, MB]`. */
  samples: Array<[number, number]>;
  finalUssMb: number;
  maxUssMb: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Runs one camera agent against the simulator for `seconds` and samples its USS. */
export async function measureAgentMemory(seconds: number, searchPath: string | undefined, progress: Progress): Promise<AgentMemoryResult> {
  progress.line(`agent memory: one camera agent for ${seconds} s at 10 Hz`);
  const fleet = await startFleet({ cameras: 1, stages: 0, gatewayPort: 0, searchPath, env: { FLEET_LOG_LEVEL: 'warn' } });
  const samples: Array<[number, number]> = [];
  try {
    const pid = fleet.devices[0]?.agent.pid();
    if (pid === undefined) throw new Error('agent did not start');
    const started = Date.now();
    const every = Math.max(1, Math.min(10, seconds / 10));
    while (Date.now() - started < seconds * 1000) {
      await sleep(every * 1000);
      const s = await sampleProcess(pid);
      if (s) samples.push([round((Date.now() - started) / 1000, 0), round(s.ussBytes / 1024 / 1024, 2)]);
    }
  } finally {
    await fleet.stop();
  }
  const values = samples.map((s) => s[1]);
  const result = { kind: 'agent-memory' as const, seconds, samples, finalUssMb: values.at(-1) ?? 0, maxUssMb: Math.max(0, ...values) };
  progress.line(`  agent USS after ${seconds} s: ${result.finalUssMb} MB (max ${result.maxUssMb} MB)`);
  return result;
}
