import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/** How to run one nats-server process; it can be launched again after each halt. */
export interface NatsProcessSpec {
  readonly binary: string;
  readonly args: readonly string[];
  /** Client port on 127.0.0.1: the server is up once it accepts connections there. */
  readonly port: number;
  readonly startTimeoutMs: number;
  /** Names the process in errors, e.g. `nats-server` or `cluster node n2`. */
  readonly label: string;
  readonly onLog?: (line: string) => void;
  /** Polled once the server is up, until true: e.g. "JetStream has a meta leader" in a cluster. */
  readonly ready?: () => Promise<boolean>;
  /** Its own process group: a terminal's Ctrl-C then reaches only the caller, which stops it in turn. */
  readonly ownProcessGroup?: boolean;
}

/** One nats-server process that can be stopped and started again with the same arguments. */
export interface NatsProcess {
  /** PID of the running server process, if running. */
  pid(): number | undefined;
  /** Spawns the server and resolves once it is ready; rejects (and kills it) after the timeout. */
  launch(): Promise<void>;
  /** Sends `signal` (SIGKILL after a grace period) and resolves once it has exited; no-op when not running. */
  halt(signal: NodeJS.Signals): Promise<void>;
}

/** Raised when the broker does not come up. */
export class NatsServerStartError extends Error {
  override readonly name = 'NatsServerStartError';
}

const STOP_GRACE_MS = 3_000;
const POLL_MS = 25;
/** Slower than POLL_MS: each failed readiness check (e.g. /healthz) costs the server a warning line. */
const READY_POLL_MS = 200;
/** Enough of the server's stderr to explain a failed start. */
const STDERR_KEEP = 10_000;

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const done = exited(child);
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await done;
  clearTimeout(timer);
}

/**
 * Wraps the spawn/ready/stop cycle of one nats-server process, shared by the single server and
 * every node of a cluster. The process is killed if this Node process exits first, so that a
 * crashed test run leaves no broker behind.
 */
export function natsProcess(spec: NatsProcessSpec): NatsProcess {
  let child: ChildProcess | undefined;
  let removeExitHook: (() => void) | undefined;

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    removeExitHook?.();
    removeExitHook = undefined;
    if (proc) await terminate(proc, signal);
  };

  const launch = async (): Promise<void> => {
    const proc = spawn(spec.binary, [...spec.args], { stdio: ['ignore', 'ignore', 'pipe'], detached: spec.ownProcessGroup === true });
    child = proc;
    const killOnExit = (): void => {
      proc.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    removeExitHook = () => process.removeListener('exit', killOnExit);
    let stderr = '';
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk;
      if (spec.onLog) for (const line of chunk.split('\n')) if (line) spec.onLog(line);
    });
    const deadline = Date.now() + spec.startTimeoutMs;
    let up = false;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      // The server logs this once its listeners, and JetStream, are started.
      if (!up) up = stderr.includes('Server is ready') && (await canConnect(spec.port));
      if (up && (!spec.ready || (await spec.ready()))) return;
      await new Promise((r) => setTimeout(r, up ? READY_POLL_MS : POLL_MS));
    }
    await halt('SIGKILL');
    const why = up ? 'accepted connections but did not become ready' : 'did not start';
    throw new NatsServerStartError(`${spec.label} ${why} on port ${spec.port}: ${stderr.slice(-2000)}`);
  };

  return { pid: () => child?.pid, launch, halt };
}
