import { partitionMappingsConfig } from '@fleet/contracts';
import { startNatsCluster, startNatsServer, type NatsCluster, type NatsServerHandle } from '@fleet/nats-server';

/** The broker a fleet started for itself: one server or a cluster, with the partition mapping. */
export interface LocalBroker {
  /** Client URL of each node. */
  readonly servers: readonly string[];
  /** The single server, when `nodes` is 1. */
  readonly server: NatsServerHandle | undefined;
  /** The cluster, when `nodes` is more than 1. */
  readonly cluster: NatsCluster | undefined;
  stop(): Promise<void>;
}

/** What {@link startLocalBroker} starts. */
export interface LocalBrokerOptions {
  readonly nodes: number;
  /** The broker maps the fleet's subjects into this many partitions (the controllers must be told the same count). */
  readonly partitions: number;
  readonly searchPath: string | undefined;
}

/**
 * Starts the local fleet's broker: one nats-server, or a cluster of `nodes` when more than one, each
 * node with the partition mapping of `partitions` (mappings must be the same on every node).
 */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  const config = partitionMappingsConfig(options.partitions);
  if (options.nodes > 1) {
    const cluster = await startNatsCluster({ nodes: options.nodes, config, searchPath: options.searchPath });
    return { servers: cluster.urls, server: undefined, cluster, stop: () => cluster.stop() };
  }
  const server = await startNatsServer({ config, searchPath: options.searchPath });
  return { servers: [server.url], server, cluster: undefined, stop: () => server.stop() };
}
