import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A launcher output line at level WARN or worse: `HH:MM:SS <service padded to 18> LEVEL msg`. */
export const WARN_OR_WORSE = /^\d\d:\d\d:\d\d .{18} (WARN|ERROR|FATAL) /;

/** The built launcher: Nx builds it (and every app it starts) before this project's tests. */
const LAUNCHER = join(__dirname, '..', '..', 'dist', 'main.js');

/** A launcher started by a test, with every line it printed so far. */
export interface LauncherRun {
  readonly child: ChildProcess;
  readonly lines: string[];
  /** Resolves with the first line matching `until`; rejects when the launcher exits first or on timeout. */
  waitFor(until: RegExp, timeoutMs: number): Promise<string>;
}

/**
 * Runs the launcher as `npm start` would. With `terminal`, it leads its own process group, as a
 * shell's foreground job does, so that {@link pressCtrlC} can signal the whole group the way a
 * terminal does.
 */
export function launch(args: readonly string[], options: { terminal?: boolean } = {}): LauncherRun {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    env: { PATH: process.env.PATH, FLEET_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.terminal === true,
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const wake of waiters) wake();
    });
  }
  child.once('exit', () => {
    for (const wake of waiters) wake();
  });
  const waitFor = (until: RegExp, timeoutMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${until} within ${timeoutMs} ms:\n${lines.slice(-30).join('\n')}`)), timeoutMs);
      const check = (): void => {
        const found = lines.find((l) => until.test(l));
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`launcher exited with ${child.exitCode}:\n${lines.slice(-30).join('\n')}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, lines, waitFor };
}

/** Ctrl-C in a terminal: SIGINT to every process of the foreground group. */
export function pressCtrlC(run: LauncherRun): void {
  const pid = run.child.pid;
  if (pid === undefined) throw new Error('the launcher has no pid');
  process.kill(-pid, 'SIGINT');
}

export function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Stops a launcher a failed test left running the way a user would, so that it takes its fleet down. */
export async function cleanUp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([exitCode(child), new Promise((r) => setTimeout(r, 15_000))]);
  child.kill('SIGKILL');
}

export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A process as `ps` shows it. */
export interface ProcessInfo {
  readonly pid: number;
  readonly command: string;
}

/** The running children of `parent`, read from /proc (what `pgrep -P` does). */
export function childProcesses(parent: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command name in field 2 may hold spaces; the fields after its closing parenthesis do not.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== parent) continue;
      found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim() });
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/** True while a process with this pid exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
