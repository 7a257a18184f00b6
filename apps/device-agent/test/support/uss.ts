import { readFile } from 'node:fs/promises';

/**
 * Unique set size of a process in bytes: its private pages (clean + dirty) from
 * `/proc/<pid>/smaps_rollup`, i.e. the memory that would be freed if it exited. Linux only.
 * Pages of the node binary count as private when no other node process maps them, so measure
 * while another node process (the simulator, jest itself) is running, as on a real host.
 */
export async function ussBytes(pid: number): Promise<number> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  let kB = 0;
  for (const match of text.matchAll(/^Private_(?:Clean|Dirty):\s+(\d+) kB$/gm)) kB += Number(match[1]);
  return kB * 1024;
}
