import { cpuPercent, sampleProcess, type ProcSample } from './proc-stats';
import { median, round } from './stats';

/** CPU and memory of one role (e.g. `controller`) over a window. */
export interface RoleFigures {
  processes: number;
  /** Sum over the role's processes, % of one core. */
  cpuPercent: number;
  cpuMedianPercent: number;
  cpuMaxPercent: number;
  ussMedianMb: number;
  ussMaxMb: number;
  ussTotalMb: number;
  /** Largest resident set of the role's processes at the end of the window. */
  rssMaxMb: number;
}

const MB = 1024 * 1024;

/** Samples a set of processes by role at the start and end of a window. */
export class ProcessGroup {
  private start = new Map<number, ProcSample>();
  private startedAt = 0;

  constructor(private readonly roles: () => Map<string, number[]>) {}

  async begin(): Promise<void> {
    this.startedAt = Date.now();
    this.start = await this.sampleAll();
  }

  private async sampleAll(): Promise<Map<number, ProcSample>> {
    const pids = [...this.roles().values()].flat();
    const samples = await Promise.all(pids.map(async (pid) => [pid, await sampleProcess(pid)] as const));
    const out = new Map<number, ProcSample>();
    for (const [pid, sample] of samples) if (sample) out.set(pid, sample);
    return out;
  }

  /** Figures per role since `begin()`. */
  async end(): Promise<Record<string, RoleFigures>> {
    const elapsed = Date.now() - this.startedAt;
    const endSamples = await this.sampleAll();
    const result: Record<string, RoleFigures> = {};
    for (const [role, pids] of this.roles()) {
      const cpu: number[] = [];
      const uss: number[] = [];
      const rss: number[] = [];
      for (const pid of pids) {
        const a = this.start.get(pid);
        const b = endSamples.get(pid);
        if (!a || !b) continue;
        cpu.push(cpuPercent(a, b, elapsed));
        uss.push(b.ussBytes / MB);
        rss.push(b.rssBytes / MB);
      }
      result[role] = {
        processes: cpu.length,
        cpuPercent: round(cpu.reduce((s, v) => s + v, 0)),
        cpuMedianPercent: round(median(cpu)),
        cpuMaxPercent: round(Math.max(0, ...cpu)),
        ussMedianMb: round(median(uss)),
        ussMaxMb: round(Math.max(0, ...uss)),
        ussTotalMb: round(uss.reduce((s, v) => s + v, 0)),
        rssMaxMb: round(Math.max(0, ...rss)),
      };
    }
    return result;
  }
}
