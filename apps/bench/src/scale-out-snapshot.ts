import { brokerCounters, type BrokerCounters } from './broker-varz';
import { isBalanced, scrapeReplica, type ReplicaCounters } from './replica-metrics';

/** Every replica's counters and the broker's, taken together. */
export interface Snapshot {
  /** When the scrapes were sent, ms since the epoch. */
  at: number;
  /** In the order of the replicas' HTTP ports. */
  replicas: ReplicaCounters[];
  broker: BrokerCounters;
}

/** Scrapes every replica's /metrics and the broker's /varz at once. */
export async function takeSnapshot(httpPorts: readonly number[], monitorPort: number): Promise<Snapshot> {
  const at = Date.now();
  const [replicas, broker] = await Promise.all([Promise.all(httpPorts.map(scrapeReplica)), brokerCounters(monitorPort)]);
  return { at, replicas, broker };
}

/**
 * Handled status as a share of the messages reaching the broker, while keeping up: a little
 * below 1 (the rest is lease and KV traffic), and not above it, which means draining a backlog.
 */
const KEEPING_UP_MIN = 0.95;
const KEEPING_UP_MAX = 1.03;

/**
 * True when, between two snapshots, the replicas kept up: no partition lease was lost, the
 * partitions stayed evenly held, and they handled about as many status messages as the broker
 * received, neither falling behind nor still catching up.
 */
export function keptUp(before: Snapshot, after: Snapshot, partitions: number): boolean {
  const sum = (s: Snapshot, figure: (r: ReplicaCounters) => number): number => s.replicas.reduce((total, r) => total + figure(r), 0);
  const received = after.broker.inMsgs - before.broker.inMsgs;
  const handled = sum(after, (r) => r.handled) - sum(before, (r) => r.handled);
  return (
    sum(after, (r) => r.lost) === sum(before, (r) => r.lost) &&
    isBalanced(after.replicas.map((r) => r.owned), partitions) &&
    received > 0 &&
    handled >= received * KEEPING_UP_MIN &&
    handled <= received * KEEPING_UP_MAX
  );
}
