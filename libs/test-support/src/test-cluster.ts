import { partitionMappingsConfig } from '@fleet/contracts';
import { startNatsCluster } from '@fleet/nats-server';

/** A NATS cluster for one test suite. Node `i` keeps its URL and JetStream store across `killNode(i)`/`startNode(i)`. */
export interface TestCluster {
  /** Every node's client URL, comma-joined: what `--nats-url` / `NATS_URL` takes. */
  readonly url: string;
  readonly urls: readonly string[];
  /** Kills node `i` (0-based) as a crash would. */
  killNode(i: number): Promise<void>;
  /** Starts node `i` again and resolves once it is back in the cluster. */
  startNode(i: number): Promise<void>;
  stop(): Promise<void>;
}

/** Options for {@link startTestCluster}. */
export interface TestClusterOptions {
  /** Partition the fleet's subjects into this many partitions on every node (the mapping of `partitionMappings`). */
  partitions?: number;
  /** Number of nodes; default 3. */
  nodes?: number;
}

/**
 * Starts a real JetStream cluster for a test suite, always from the `nats-server` binary on free
 * loopback ports (unlike `startTestBroker`, never a container: three containers routing to each
 * other need a Docker network of their own, and CI installs nats-server anyway). With
 * `partitions`, every node applies the fleet's partition mapping.
 */
export async function startTestCluster(options: TestClusterOptions = {}): Promise<TestCluster> {
  const cluster = await startNatsCluster({
    nodes: options.nodes,
    searchPath: process.env.PATH,
    config: options.partitions === undefined ? undefined : partitionMappingsConfig(options.partitions),
  });
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
    stop: () => cluster.stop(),
  };
}
