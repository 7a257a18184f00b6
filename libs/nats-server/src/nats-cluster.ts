import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findNatsServerBinary } from './find-binary';
import { freePort } from './free-port';
import { natsProcess } from './nats-process';
import { serverHandle, type NatsServerHandle } from './nats-server';

/** Options for {@link startNatsCluster}. */
export interface NatsClusterOptions {
  /** Number of nodes; default {@link DEFAULT_CLUSTER_NODES}. Three tolerate the loss of one. */
  nodes?: number;
  /** Path of the nats-server binary; default: found on PATH or /usr/sbin/nats-server. */
  binary?: string;
  /** PATH to search; default: none (pass `process.env.PATH` from the caller's config). */
  searchPath?: string;
  /** Extra nats-server config text for every node (e.g. the partition `mappings { ... }` block). */
  config?: string;
  /** How long each node gets to join and see a JetStream meta leader. */
  startTimeoutMs?: number;
  /** Receives every node's log lines, with the node's name (`n1`...). */
  onLog?: (node: string, line: string) => void;
  /**
   * Run the server in its own process group, so that a terminal's Ctrl-C reaches only the caller,
   * which stops its apps before the broker. Only for a caller that stops the server on its signals.
   */
  ownProcessGroup?: boolean;
}

/** A running cluster. Each node keeps its ports and store across `kill()`/`start()`. */
export interface NatsCluster {
  /** Client URL of each node, in node order. */
  readonly urls: readonly string[];
  /** The client URLs comma-joined: what `NATS_URL` / `--nats-url` takes. */
  readonly url: string;
  /** The nodes; `stop()` on one node also deletes its store. */
  readonly nodes: readonly NatsServerHandle[];
  /** Stops every node and deletes the stores. */
  stop(): Promise<void>;
}

/** Nodes of a cluster unless told otherwise: the smallest count that keeps a quorum after one loss. */
export const DEFAULT_CLUSTER_NODES = 3;
/** Name of the cluster block (servers only route to peers of the same name). */
export const CLUSTER_NAME = 'fleet';
/** Meta leader election needs every node up first, so a node gets longer than a single server. */
const DEFAULT_CLUSTER_START_TIMEOUT_MS = 20_000;
const HEALTHZ_TIMEOUT_MS = 1_000;

interface NodePorts {
  readonly client: number;
  readonly cluster: number;
  readonly monitor: number;
}

/**
 * True when the node's `/healthz` answers 200. In a JetStream cluster that needs contact with a
 * meta leader (and current stream replicas), which is when R3 streams can be created and used.
 */
async function healthy(monitorPort: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz`, { signal: AbortSignal.timeout(HEALTHZ_TIMEOUT_MS) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * The config file of node `name`: its ports, its store, and routes to every node (itself included,
 * which nats-server skips). A lone node gets no cluster block: clustered JetStream never elects a
 * meta leader without peers, while a standalone server serves JetStream at once.
 */
function nodeConfig(name: string, ports: NodePorts, storeDir: string, all: readonly NodePorts[], extra: string | undefined): string {
  const routes = all.map((p) => `nats-route://127.0.0.1:${p.cluster}`).join(', ');
  const cluster = all.length > 1 ? ['cluster {', `  name: ${CLUSTER_NAME}`, `  listen: 127.0.0.1:${ports.cluster}`, `  routes: [ ${routes} ]`, '}'] : [];
  return [
    `server_name: ${name}`,
    `listen: 127.0.0.1:${ports.client}`,
    `http: 127.0.0.1:${ports.monitor}`,
    `jetstream { store_dir: ${JSON.stringify(storeDir)} }`,
    ...cluster,
    extra ?? '',
    '',
  ].join('\n');
}

/**
 * Starts a local NATS cluster: `nodes` nats-server processes on free 127.0.0.1 ports, each with
 * JetStream in its own temporary store, routed to each other, with `config` added to every node.
 * Resolves once every node accepts clients and JetStream has a meta leader.
 */
export async function startNatsCluster(options: NatsClusterOptions = {}): Promise<NatsCluster> {
  const count = options.nodes ?? DEFAULT_CLUSTER_NODES;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`a cluster needs at least one node, got ${count}`);
  const binary = findNatsServerBinary(options.binary, options.searchPath);
  const root = mkdtempSync(join(tmpdir(), 'fleet-nats-cluster-'));
  const ports: NodePorts[] = [];
  // freePort never hands out one port twice in a process; asked in order, the config reads naturally.
  for (let i = 0; i < count; i++) ports.push({ client: await freePort(), cluster: await freePort(), monitor: await freePort() });

  const nodes: NatsServerHandle[] = ports.map((nodePorts, i) => {
    const name = `n${i + 1}`;
    const storeDir = join(root, name);
    mkdirSync(storeDir);
    const configFile = join(root, `${name}.conf`);
    writeFileSync(configFile, nodeConfig(name, nodePorts, storeDir, ports, options.config));
    const server = natsProcess({
      binary,
      args: ['-c', configFile],
      port: nodePorts.client,
      startTimeoutMs: options.startTimeoutMs ?? DEFAULT_CLUSTER_START_TIMEOUT_MS,
      label: `nats cluster node ${name}`,
      onLog: options.onLog && ((line) => options.onLog?.(name, line)),
      ready: () => healthy(nodePorts.monitor),
      ownProcessGroup: options.ownProcessGroup,
    });
    return serverHandle(server, nodePorts.client, storeDir);
  });

  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(root, { recursive: true, force: true });
  };
  // Together: no node reports healthy before a majority of them is up to elect a meta leader.
  const started = await Promise.allSettled(nodes.map((n) => n.start()));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    const reason: unknown = failed.reason;
    await stop();
    throw reason;
  }
  const urls = nodes.map((n) => n.url);
  return { urls, url: urls.join(','), nodes, stop };
}
