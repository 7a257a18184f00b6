import { nuid, type NatsConnection } from '@nats-io/transport-node';
import { UNMAPPED_LAYOUT, partitionOf, subjects, type PartitionLayout } from '@fleet/contracts';

/** Raised when the broker partitions subjects differently from this controller's `--partitions`. */
export class PartitionMismatchError extends Error {
  override readonly name = 'PartitionMismatchError';
}

/** Probes sent: a broker with another partition count agrees on one token by chance at most half the time. */
const PROBES = 8;
const PROBE_WAIT_MS = 2000;

/**
 * Learns how the broker partitions subjects: publishes probes whose subjects the fleet's mapping
 * rewrites, and reads where they arrive. Arriving unchanged means no mapping (one partition);
 * arriving with partition tokens that all agree with `partitionOf(token, count)` means the
 * mapping matches; anything else is a misconfiguration that would leave devices without owner.
 */
export async function probePartitionLayout(nc: NatsConnection, count: number): Promise<PartitionLayout> {
  const base = nuid.next();
  const tokens = Array.from({ length: PROBES }, (_, i) => `${base}${i}`);
  const wanted = new Set(tokens);
  // Other replicas may probe at the same time: only our tokens count.
  const sub = nc.subscribe(`${subjects.partitionProbe('*')}.*`);
  const plain = nc.subscribe(subjects.partitionProbe('*'));
  const arrived = new Map<string, string | undefined>();
  const collect = async (it: AsyncIterable<{ subject: string }>): Promise<void> => {
    for await (const msg of it) {
      const [token = '', p] = msg.subject.split('.').slice(5);
      if (wanted.has(token)) arrived.set(token, p);
      if (arrived.size === PROBES) break;
    }
  };
  const done = Promise.race([collect(sub), collect(plain)]);
  for (const token of tokens) nc.publish(subjects.partitionProbe(token));
  const timer = new Promise<void>((resolve) => setTimeout(resolve, PROBE_WAIT_MS).unref());
  await Promise.race([done, timer]);
  sub.unsubscribe();
  plain.unsubscribe();
  if (arrived.size < PROBES) throw new Error(`partition probe: ${arrived.size} of ${PROBES} probes came back within ${PROBE_WAIT_MS} ms`);
  if ([...arrived.values()].every((p) => p === undefined)) return UNMAPPED_LAYOUT;
  for (const [token, p] of arrived) {
    if (p !== String(partitionOf(token, count))) {
      throw new PartitionMismatchError(
        `the broker's subject mapping does not split the fleet into ${count} partitions (probe ${token} arrived in partition ${p ?? 'none'}, expected ${partitionOf(token, count)}); give the controller --partitions equal to the count in the broker's mapping`,
      );
    }
  }
  return { mapped: true, count };
}
