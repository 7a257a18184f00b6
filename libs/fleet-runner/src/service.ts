import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** How to run one process of the fleet. */
export interface ServiceSpec {
  /** Name used in logs, e.g. `controller` or `agent camera-1`. */
  name: string;
  /** Node entry script. */
  entry: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
}

/** Options for {@link startService}. */
export interface StartServiceOptions {
  /** Every stdout/stderr line of the process. */
  onLine?: (service: string, line: string) => void;
  /** Wait for the process's `ready` log line before resolving (default true). */
  waitReady?: boolean;
  readyTimeoutMs?: number;
  /** Inherited environment (the caller's config decides; default: none but PATH). */
  baseEnv?: Readonly<Record<string, string | undefined>>;
}

/** A running process of the fleet. `restart()` starts it again with the same spec. */
export interface Service {
  readonly name: string;
  readonly spec: ServiceSpec;
  /** PID of the current process. */
  pid(): number | undefined;
  /** Sends SIGTERM (or `signal`) and resolves with the exit code once it exits (SIGKILL after 5 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts it again after stop/kill. */
  restart(): Promise<void>;
  /** True while the process runs. */
  running(): boolean;
}

/** Raised when a service exits or stays silent before logging `ready`. */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
}

const STOP_GRACE_MS = 5_000;

/** Every child still running; one exit hook kills them all if this process dies first. */
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});
const DEFAULT_READY_TIMEOUT_MS = 15_000;

/** True for a pino JSON line whose `msg` is `ready`. */
export function isReadyLine(line: string): boolean {
  if (!line.includes('"ready"')) return false;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && 'msg' in parsed && parsed.msg === 'ready';
  } catch {
    return false;
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Spawns `node <entry> <args>` and, unless told otherwise, waits for its `ready` line. */
export async function startService(spec: ServiceSpec, options: StartServiceOptions = {}): Promise<Service> {
  let child: ChildProcess | undefined;

  const launch = (): Promise<void> => {
    const proc = spawn(process.execPath, [spec.entry, ...spec.args], {
      env: { ...options.baseEnv, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    liveChildren.add(proc);
    proc.once('exit', () => liveChildren.delete(proc));
    let ready = false;
    let tail: string[] = [];
    const ended = exitOf(proc);
    return new Promise<void>((resolve, reject) => {
      const onLine = (line: string): void => {
        options.onLine?.(spec.name, line);
        tail = [...tail.slice(-19), line];
        if (!ready && isReadyLine(line)) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      };
      for (const stream of [proc.stdout, proc.stderr]) if (stream) createInterface({ input: stream }).on('line', onLine);
      const fail = (why: string): void => {
        if (ready) return;
        ready = true;
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(new ServiceStartError(`${spec.name} ${why}\n${tail.join('\n')}`));
      };
      const timeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
      const timer = setTimeout(() => fail(`did not log "ready" within ${timeoutMs} ms`), timeoutMs);
      void ended.then((code) => fail(`exited with code ${code} before it was ready`));
      if (options.waitReady === false) {
        ready = true;
        clearTimeout(timer);
        resolve();
      }
    });
  };

  await launch();

  const halt = async (signal: NodeJS.Signals): Promise<number | null> => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return proc?.exitCode ?? null;
    const ended = exitOf(proc);
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_GRACE_MS);
    const code = await ended;
    clearTimeout(timer);
    return code;
  };

  return {
    name: spec.name,
    spec,
    pid: () => child?.pid,
    stop: (signal = 'SIGTERM') => halt(signal),
    kill: async () => {
      await halt('SIGKILL');
    },
    restart: async () => {
      await halt('SIGTERM');
      await launch();
    },
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
  };
}
