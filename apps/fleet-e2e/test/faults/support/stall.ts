import { spawn } from 'node:child_process';
import { sleep } from './client-watch';

/**
 * Freezes a process for `ms` (SIGSTOP, then SIGCONT): a process the machine did not schedule for
 * a moment, as on a busy host. Nothing is lost from its sockets; it just runs late.
 */
export async function stallProcess(pid: number | undefined, ms: number): Promise<void> {
  if (pid === undefined) throw new Error('no process to stall');
  process.kill(pid, 'SIGSTOP');
  try {
    await sleep(ms);
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

/** Keeps `workers` processes spinning on the CPU for `ms`: a machine busy for a moment. Resolves when they are done. */
export async function busyMachine(workers: number, ms: number): Promise<void> {
  const spin = 'const end = Date.now() + Number(process.argv[1]); while (Date.now() < end);';
  const children = Array.from({ length: workers }, () => spawn(process.execPath, ['-e', spin, String(ms)], { stdio: 'ignore' }));
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
}
