import { readFile } from 'node:fs/promises';

/** CPU time and memory of one process, read from /proc. */
export interface ProcSample {
  /** user + system CPU time in clock ticks. */
  cpuTicks: number;
  /** Private memory (Private_Clean + Private_Dirty + Private_Hugetlb) in bytes: the USS. */
  ussBytes: number;
  /** Proportional set size in bytes. */
  pssBytes: number;
  /** Resident set size in bytes (shared pages included), the figure `ps` and `top` show. */
  rssBytes: number;
}

/** Linux's USER_HZ; 100 on every mainstream distribution. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Parses `/proc/<pid>/stat`: utime and stime are fields 14 and 15, after the parenthesised name. */
export function parseCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is at index 11 and stime (15) at 12.
  return Number(fields[11]) + Number(fields[12]);
}

/** Parses `/proc/<pid>/smaps_rollup` into USS, PSS and RSS bytes. */
export function parseSmapsRollup(text: string): { ussBytes: number; pssBytes: number; rssBytes: number } {
  const kb = (key: string): number => {
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text);
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  };
  return {
    ussBytes: kb('Private_Clean') + kb('Private_Dirty') + kb('Private_Hugetlb'),
    pssBytes: kb('Pss'),
    rssBytes: kb('Rss'),
  };
}

/** Samples one process; `undefined` when it is gone. */
export async function sampleProcess(pid: number): Promise<ProcSample | undefined> {
  try {
    const [stat, smaps] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'utf8'),
      readFile(`/proc/${pid}/smaps_rollup`, 'utf8'),
    ]);
    return { cpuTicks: parseCpuTicks(stat), ...parseSmapsRollup(smaps) };
  } catch {
    return undefined;
  }
}

/** CPU use between two samples, in percent of one core. */
export function cpuPercent(before: ProcSample, after: ProcSample, elapsedMs: number): number {
  if (elapsedMs <= 0) return 0;
  return ((after.cpuTicks - before.cpuTicks) / CLOCK_TICKS_PER_SECOND / (elapsedMs / 1000)) * 100;
}
