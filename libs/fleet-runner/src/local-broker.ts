import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partitionMappingsConfig } from '@fleet/contracts';
import { generateCredentials, type FleetCredentials, type Identity } from '@fleet/nats-auth';
import { startNatsCluster, startNatsServer, type NatsCluster, type NatsServerHandle } from '@fleet/nats-server';

/** The broker a fleet started for itself: one server or a cluster, with the partition mapping. */
export interface LocalBroker {
  /** Client URL of each node. */
  readonly servers: readonly string[];
  /** The single server, when `nodes` is 1. */
  readonly server: NatsServerHandle | undefined;
  /** The cluster, when `nodes` is more than 1. */
  readonly cluster: NatsCluster | undefined;
  /** The identities' keys and the authorization the broker enforces, when started with identities. */
  readonly credentials: FleetCredentials | undefined;
  /** Stops the broker and deletes the keys. */
  stop(): Promise<void>;
}

/** What {@link startLocalBroker} starts. */
export interface LocalBrokerOptions {
  readonly nodes: number;
  /** The broker maps the fleet's subjects into this many partitions (the controllers must be told the same count). */
  readonly partitions: number;
  readonly searchPath: string | undefined;
  /** Run the broker's processes in their own process group (see `StartServiceOptions.ownProcessGroup`). */
  readonly ownProcessGroup?: boolean;
  /**
   * Who may connect: one nkey per identity is generated into a temporary folder (deleted by
   * `stop()`), and the broker refuses everybody else. Without identities the broker is open.
   */
  readonly identities?: readonly Identity[];
  /** More nats-server config for every node, e.g. the bench's monitoring port (one node only then: ports clash). */
  readonly extraConfig?: string;
}

/**
 * Starts the local fleet's broker: one nats-server, or a cluster of `nodes` when more than one, each
 * node with the partition mapping of `partitions` (mappings must be the same on every node) and,
 * given identities, their authorization.
 */
export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  const keysDir = options.identities ? mkdtempSync(join(tmpdir(), 'fleet-keys-')) : undefined;
  const credentials = keysDir && options.identities ? generateCredentials(keysDir, options.identities, options.partitions) : undefined;
  const removeKeys = (): void => {
    if (keysDir) rmSync(keysDir, { recursive: true, force: true });
  };
  const config = `${partitionMappingsConfig(options.partitions)}${options.extraConfig ?? ''}${credentials?.authorization ?? ''}`;
  try {
    if (options.nodes > 1) {
      const cluster = await startNatsCluster({ nodes: options.nodes, config, searchPath: options.searchPath, ownProcessGroup: options.ownProcessGroup });
      return { servers: cluster.urls, server: undefined, cluster, credentials, stop: () => cluster.stop().finally(removeKeys) };
    }
    const server = await startNatsServer({ config, searchPath: options.searchPath, ownProcessGroup: options.ownProcessGroup });
    return { servers: [server.url], server, cluster: undefined, credentials, stop: () => server.stop().finally(removeKeys) };
  } catch (error) {
    removeKeys();
    throw error;
  }
}
