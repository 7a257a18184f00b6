import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DEFAULT_RESTART_POLICY, INITIAL_RESTART_STATE, decideRestart, type RestartPolicy, type RestartState } from './restart-policy';
import { nodeOptionsOf } from './app-entries';

/** How to run one process of the fleet. */
export interface ServiceSpec {
  /** Name used in logs, e.g. `controller` or `agent camera-1`. */
  name: string;
  /** Node entry script. */
  entry: string;
  args: readonly string[];
  env?: Readonly<Record<string, string>>;
}

/** One unexpected death of a supervised service, and the restart planned for it. */
export interface ServiceDeath {
  readonly service: string;
  /** Exit code, or null when a signal ended it. */
  readonly code: number | null;
  /** The signal that ended it, or null when it exited. */
  readonly signal: NodeJS.Signals | null;
  /** Set when the runner ended it itself, e.g. a restart that did not log `ready` in time. */
  readonly reason: string | undefined;
  readonly uptimeMs: number;
  /** When the restart is due (epoch ms), `restartInMs` from the death. */
  readonly restartAt: number;
  readonly restartInMs: number;
  /** Quick deaths in a row so far (see {@link RestartPolicy}). */
  readonly quickDeaths: number;
  readonly crashLoop: boolean;
}

/** Restarts a service that exits when nobody asked it to. */
export interface SupervisionOptions {
  /** Default {@link DEFAULT_RESTART_POLICY}. */
  readonly policy?: RestartPolicy;
  /** Called once per unexpected death, before the restart is scheduled. */
  readonly onDeath: (death: ServiceDeath) => void;
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
  /**
   * Restart the process whenever it exits after it was ready, other than through `stop`, `kill`
   * or `restart`. Without it, a dead process stays dead (what fault tests want).
   */
  supervise?: SupervisionOptions;
  /**
   * Run the process in its own process group, so that a terminal's Ctrl-C reaches only the caller,
   * which then stops its processes in order. Only for a caller that stops them on its signals.
   */
  ownProcessGroup?: boolean;
}

/** A running process of the fleet. `restart()` starts it again with the same spec. */
export interface Service {
  readonly name: string;
  readonly spec: ServiceSpec;
  /** PID of the current process. */
  pid(): number | undefined;
  /** Sends SIGTERM (or `signal`) and resolves with the exit code once it exits (SIGKILL after 5 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, as a crash would (but, being asked for, never followed by a supervised restart). */
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
  /** True from `stop`/`kill` until the next deliberate start: an exit then is no death. */
  let halted = false;
  /** Supervision starts once the first start succeeded; a failed first start is the caller's error. */
  let supervising = false;
  let restartState: RestartState = INITIAL_RESTART_STATE;
  let restartTimer: NodeJS.Timeout | undefined;

  const launch = (): Promise<void> => {
    const proc = spawn(process.execPath, [...nodeOptionsOf(spec.entry), spec.entry, ...spec.args], {
      env: { ...options.baseEnv, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownProcessGroup === true,
    });
    child = proc;
    const startedAt = Date.now();
    let endedBy: string | undefined;
    liveChildren.add(proc);
    proc.once('exit', (code, signal) => {
      liveChildren.delete(proc);
      if (supervising && !halted && child === proc) died(code, signal, Date.now() - startedAt, endedBy);
    });
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
        endedBy = why;
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

  const died = (code: number | null, signal: NodeJS.Signals | null, uptimeMs: number, reason: string | undefined): void => {
    const supervision = options.supervise;
    if (!supervision) return;
    const decision = decideRestart(restartState, uptimeMs, supervision.policy ?? DEFAULT_RESTART_POLICY);
    restartState = decision.state;
    const { delayMs: restartInMs, crashLoop } = decision;
    const restartAt = Date.now() + restartInMs;
    supervision.onDeath({ service: spec.name, code, signal, reason, uptimeMs, restartAt, restartInMs, quickDeaths: restartState.quickDeaths, crashLoop });
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      // A restart that fails to become ready ends in an exit, which is reported as the next death.
      launch().catch(() => undefined);
    }, restartInMs);
  };

  await launch();
  supervising = true;

  const halt = async (signal: NodeJS.Signals): Promise<number | null> => {
    halted = true;
    clearTimeout(restartTimer);
    restartTimer = undefined;
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
      halted = false;
    },
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
  };
}
