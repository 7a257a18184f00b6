import { partitionOf } from '@fleet/contracts';

/** A partition's lease as a replica last saw it. */
export interface SeenLease {
  readonly owner: string;
  /** Renewed recently enough (within a lease time) to be presumed alive. */
  readonly fresh: boolean;
}

/** Everything one replica knows when it plans its leases. */
export interface LeaseView {
  readonly count: number;
  readonly me: string;
  /** Replicas whose heartbeat is fresh (`me` may be missing from it at start-up). */
  readonly members: readonly string[];
  /** Leases seen in the bucket, by partition. */
  readonly leases: ReadonlyMap<number, SeenLease>;
  /** Partitions this replica holds now. */
  readonly mine: ReadonlySet<number>;
}

/** What to do this round. */
export interface LeasePlan {
  /** Free or stale partitions to try to create a lease for, best first. */
  readonly acquire: number[];
  /** Partitions leased to `me` by an earlier run of this replica: take them back at once. */
  readonly reclaim: number[];
  /** Partitions to hand over because `me` holds more than its share. */
  readonly release: number[];
}

/** The most partitions one replica should hold: an even split, rounded up. */
export function fairShare(count: number, replicas: number): number {
  return Math.ceil(count / Math.max(1, replicas));
}

/**
 * How much `me` likes partition `p` (rendezvous hashing): different replicas prefer different
 * free partitions, so they rarely race for the same lease, and a replica keeps the ones it likes.
 */
export function preference(me: string, p: number): number {
  // FNV-1a alone keeps the order of short keys that differ only in their first byte; the
  // murmur3 finalizer spreads every input bit over the whole word.
  let h = partitionOf(`${me}_${p}`, 2 ** 32);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const byPreference = (me: string) => (a: number, b: number) => preference(me, b) - preference(me, a) || a - b;

/**
 * Decides which leases to take and which to give up, from what this replica sees. Pure: the
 * lease bucket's atomic create and compare-and-set settle any race between replicas' plans.
 */
export function planLeases(view: LeaseView): LeasePlan {
  const members = new Set(view.members).add(view.me);
  const share = fairShare(view.count, members.size);
  const reclaim: number[] = [];
  const free: number[] = [];
  for (let p = 0; p < view.count; p++) {
    if (view.mine.has(p)) continue;
    const lease = view.leases.get(p);
    if (lease?.owner === view.me) reclaim.push(p);
    else if (!lease || !lease.fresh || !members.has(lease.owner)) free.push(p);
  }
  const held = view.mine.size + reclaim.length;
  if (held > share) {
    const surplus = [...view.mine].sort(byPreference(view.me)).slice(-(held - share));
    return { acquire: [], reclaim, release: surplus.slice(0, Math.max(0, view.mine.size - share)) };
  }
  return { acquire: free.sort(byPreference(view.me)).slice(0, share - held), reclaim, release: [] };
}
