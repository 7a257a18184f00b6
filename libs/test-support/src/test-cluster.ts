import type { NatsAuthFiles } from '@fleet/app-config';
import { partitionMappingsConfig } from '@fleet/contracts';
import { natsAuthArgs, natsAuthOptions, type NatsAuthOptions } from '@fleet/nats-auth';
import { startNatsCluster } from '@fleet/nats-server';
import { credentialsOf, testCredentials, type BrokerAccess } from './test-broker';

/** A NATS cluster for one test suite. Node `i` keeps its URL and JetStream store across `killNode(i)`/`startNode(i)`. */
export interface TestCluster extends BrokerAccess {
  /** Every node's client URL, comma-joined: what `--nats-url` / `NATS_URL` takes. */
  readonly url: string;
  readonly urls: readonly string[];
  /** Kills node `i` (0-based) as a crash would. */
  killNode(i: number): Promise<void>;
  /** Starts node `i` again and resolves once it is back in the cluster. */
  startNode(i: number): Promise<void>;
  stop(): Promise<void>;
  /** The credential files of an identity, as `TestBroker.credentials`. */
  credentials(identity: string): NatsAuthFiles;
  /** `connect()` options for an identity (default `harness`): every node, its authenticator. */
  connectionOptions(identity?: string): { servers: string[] } & NatsAuthOptions;
  /** An app's broker flags for an identity: `--nats-url <every node>` and its credential file flags. */
  appArgs(identity: string): string[];
  /** The same identities, given node `i`'s URL only (a client learns the other nodes from it). */
  through(i: number): BrokerAccess;
}

/** Options for {@link startTestCluster}. */
export interface TestClusterOptions {
  /** Partition the fleet's subjects into this many partitions on every node (the mapping of `partitionMappings`). */
  partitions?: number;
  /** Number of nodes; default 3. */
  nodes?: number;
  /** Enforce the fleet's authorization (default true, as startTestBroker). */
  auth?: boolean;
  /** Devices that get an agent identity of their own. */
  devices?: readonly string[];
}

/**
 * Starts a real JetStream cluster for a test suite, always from the `nats-server` binary on free
 * loopback ports (unlike `startTestBroker`, never a container: three containers routing to each
 * other need a Docker network of their own, and CI installs nats-server anyway). With
 * `partitions`, every node applies the fleet's partition mapping.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const auth = testCredentials(options);
  const mapping = options.partitions === undefined ? '' : partitionMappingsConfig(options.partitions);
  const config = `${mapping}${auth?.credentials.authorization ?? ''}`;
  const cluster = await startNatsCluster({ nodes: options.nodes, searchPath: process.env.PATH, config: config === '' ? undefined : config }).catch((error: unknown) => {
    auth?.remove();
    throw error;
  });
  const credentials = (identity: string): NatsAuthFiles => credentialsOf(auth, identity);
  const node = (i: number) => {
    const found = cluster.nodes[i];
    if (!found) throw new RangeError(`the cluster has no node ${i} (it has ${cluster.nodes.length})`);
    return found;
  };
  return {
    url: cluster.url,
    urls: cluster.urls,
    killNode: async (i) => node(i).kill(),
    startNode: async (i) => node(i).start(),
    stop: () => cluster.stop().finally(() => auth?.remove()),
    credentials,
    connectionOptions: (identity = 'harness') => ({ servers: [...cluster.urls], ...natsAuthOptions(credentials(identity)) }),
    appArgs: (identity) => ['--nats-url', cluster.url, ...natsAuthArgs(credentials(identity))],
    through: (i) => {
      const url = node(i).url;
      return {
        connectionOptions: (identity = 'harness') => ({ servers: [url], ...natsAuthOptions(credentials(identity)) }),
        appArgs: (identity) => ['--nats-url', url, ...natsAuthArgs(credentials(identity))],
      };
    },
  };
}
