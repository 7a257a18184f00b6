import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServerBinary } from './find-binary';
import { freePort } from './free-port';
import { natsProcess, type NatsProcess } from './nats-process';

export { NatsServerStartError } from './nats-process';

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
  /**
   * Run the server in its own process group, so that a terminal's Ctrl-C reaches only the caller,
   * which stops its apps before the broker. Only for a caller that stops the server on its signals.
   */
  ownProcessGroup?: boolean;
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

/** How long a single server gets to accept connections, unless told otherwise. */
const DEFAULT_START_TIMEOUT_MS = 10_000;

/**
 * Spawns a nats-server with JetStream on 127.0.0.1, with its store in a new temporary folder,
 * and resolves once it accepts connections.
 */
export async function startNatsServer(options: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const binary = findNatsServerBinary(options.binary, options.searchPath);
  const port = options.port ?? (await freePort());
  const storeDir = mkdtempSync(join(tmpdir(), 'fleet-nats-'));
  const args = ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir];
  if (options.config !== undefined) {
    const configFile = join(storeDir, 'server.conf');
    writeFileSync(configFile, options.config);
    args.unshift('-c', configFile);
  }
  const server = natsProcess({
    binary,
    args,
    port,
    startTimeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    label: 'nats-server',
    onLog: options.onLog,
    ownProcessGroup: options.ownProcessGroup,
  });

  try {
    await server.launch();
  } catch (error) {
    rmSync(storeDir, { recursive: true, force: true });
    throw error;
  }
  return serverHandle(server, port, storeDir);
}

/** The handle of one running server process on `port`, with its store (shared by single servers and cluster nodes). */
export function serverHandle(server: NatsProcess, port: number, storeDir: string): NatsServerHandle {
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    pid: server.pid,
    async stop() {
      await server.halt('SIGTERM');
      rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await server.halt('SIGTERM');
      await server.launch();
    },
    kill: () => server.halt('SIGKILL'),
    start: server.launch,
  };
}
