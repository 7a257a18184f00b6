import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServerBinary } from './find-binary';
import { freePort } from './free-port';

/** Options for {@link startNatsServer}. */
export interface NatsServerOptions {
  /** Path of the nats-server binary; default: found on PATH or /usr/sbin/nats-server. */
  binary?: string;
  /** PATH to search; default: none (pass `process.env.PATH` from the caller's config). */
  searchPath?: string;
  /** TCP port on 127.0.0.1; default: a free one. */
  port?: number;
  /** How long to wait for the server to accept connections. */
  startTimeoutMs?: number;
  /** Receives the server's own log lines. */
  onLog?: (line: string) => void;
  /** nats-server config text (e.g. a `mappings { ... }` block); the flags above take precedence. */
  config?: string;
}

/** A running broker. The same port and JetStream store survive `restart()`. */
export interface NatsServerHandle {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  /** PID of the running server process, if running. */
  pid(): number | undefined;
  /** Stops the server (SIGTERM, then SIGKILL) and deletes its store. */
  stop(): Promise<void>;
  /** Stops the server and starts it again on the same port with the same store. */
  restart(): Promise<void>;
  /** Kills the server without a clean shutdown (the store is kept for `start`). */
  kill(): Promise<void>;
  /** Starts it again after `kill()`. */
  start(): Promise<void>;
}

/** Raised when the broker does not come up. */
export class NatsServerStartError extends Error {
  override readonly name = 'NatsServerStartError';
}

const DEFAULT_START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 3_000;

function canConnect(port: number): Promise<boolean> {
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
 * Spawns a nats-server with JetStream on 127.0.0.1, with its store in a new temporary folder,
 * and resolves once it accepts connections.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = findNatsServerBinary(options.binary, options.searchPath);
  const port = options.port ?? (await freePort());
  const storeDir = mkdtempSync(join(tmpdir(), 'fleet-nats-'));
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  let child: ChildProcess | undefined;
  let removeExitHook: (() => void) | undefined;
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  if (options.config !== undefined) {
    const configFile = join(storeDir, 'server.conf');
    writeFileSync(configFile, options.config);
    args.unshift('-c', configFile);
  }

  const launch = async (): Promise<void> => {
    const proc = spawn(binary, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child = proc;
    const killOnExit = (): void => {
      proc.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    removeExitHook = () => process.removeListener('exit', killOnExit);
    let stderr = '';
    proc.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
      if (options.onLog) for (const line of chunk.split('\n')) if (line) options.onLog(line);
    });
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) break;
      // JetStream must be ready too: the server logs this line once it is.
      if (stderr.includes('Server is ready') && (await canConnect(port))) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    proc.kill('SIGKILL');
    throw new NatsServerStartError(`nats-server did not start on port ${port}: ${stderr.slice(-2000)}`);
  };

  const halt = async (signal: NodeJS.Signals): Promise<void> => {
    const proc = child;
    child = undefined;
    removeExitHook?.();
    if (proc) await terminate(proc, signal);
  };

  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    pid: () => child?.pid,
    async stop() {
      await halt('SIGTERM');
      rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await halt('SIGTERM');
      await launch();
    },
    kill: () => halt('SIGKILL'),
    start: launch,
  };
}
