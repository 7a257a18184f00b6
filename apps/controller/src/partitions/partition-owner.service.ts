import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { PARTITIONS_BUCKET, UNMAPPED_LAYOUT, type PartitionLayout } from '@fleet/contracts';
import type { Logger } from 'pino';
import { z } from 'zod';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { FleetView } from '../fleet-view/fleet-view.service';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { parseJsonOrText } from '../nats/json-codec';
import { LEASE_CONNECTION, NATS_CONNECTION } from '../nats/nats.constants';
import { StateStoreService } from '../state-store/state-store.service';
import type { RestoreOrigin } from '../devices/step-logic';
import { planLeases, type SeenLease } from './lease-plan';
import { OwnershipService } from './ownership.service';
import { probePartitionLayout } from './partition-probe';

/** Lease rounds per lease time: a lease survives two failed renewals before its holder lets go. */
const ROUNDS_PER_LEASE = 4;
/**
 * A holder stops acting on a partition once this share of the lease has passed since its last
 * confirmed renewal. The bucket's TTL runs from when the broker stored that renewal, which is
 * later, so the holder always lets go before anyone else can take over.
 */
const LOCAL_EXPIRY_SHARE = 0.75;

const LeaseValueSchema = z.object({ owner: z.string().min(1).max(64) });

const leaseKey = (p: number): string => `p.${p}`;
const replicaKey = (id: string): string => `replica.${id}`;

interface HeldLease {
  revision: number;
  /** When the last renewal that the broker confirmed was sent. */
  renewedAt: number;
}

/**
 * Holds this replica's partition leases in KV bucket `fleet_partitions`: every round it
 * heartbeats, renews what it holds (compare-and-set on the revision), takes free or expired
 * partitions up to its fair share (atomic create) and hands over any surplus. The bucket's TTL
 * is the lease: a replica that dies stops renewing, its leases expire, and survivors take them.
 */
@Injectable()
export class PartitionOwner implements OnModuleDestroy {
  private layout: PartitionLayout = UNMAPPED_LAYOUT;
  private readonly held = new Map<number, HeldLease>();
  /** Last value and local arrival time of every key in the bucket, from a watcher. */
  private readonly seen = new Map<string, { owner: string; at: number }>();
  private kv: KV | undefined;
  private stopWatch: (() => void) | undefined;
  private roundTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly value: string;
  private readonly roundMs: number;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LEASE_CONNECTION) private readonly leaseNc: NatsConnection,
    private readonly store: StateStoreService,
    private readonly view: FleetView,
    private readonly ownership: OwnershipService,
    private readonly metrics: MetricsService,
  ) {
    this.value = JSON.stringify({ owner: config.replicaId });
    this.roundMs = Math.round(config.leaseMs / ROUNDS_PER_LEASE);
  }

  /**
   * Learns the broker's partition layout, mirrors the fleet's stored state, and takes this
   * replica's first partitions; later rounds run on a timer. Rejects with PartitionMismatchError
   * when the broker partitions differently from `--partitions`.
   */
  async start(): Promise<PartitionLayout> {
    this.layout = await probePartitionLayout(this.nc, this.config.partitions);
    this.ownership.useLayout(this.layout);
    await this.view.start();
    // The store created the bucket; leases use it through their own connection. Calls time out
    // well within a lease, so a stuck call never outlives what it renews.
    await this.store.kv(PARTITIONS_BUCKET);
    this.kv = await new Kvm(this.leaseNc).open(PARTITIONS_BUCKET, { timeout: Math.max(100, this.config.leaseMs / 2) });
    await this.watchBucket(this.kv);
    await this.runRound('restart');
    this.scheduleRound();
    this.expiryTimer = setInterval(() => this.expireStale(), Math.max(10, this.roundMs / 2));
    return this.layout;
  }

  /** Partitions held now, ascending. */
  owned(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  /** Hands every partition over and leaves the bucket, so survivors take over at once. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.roundTimer);
    clearInterval(this.expiryTimer);
    await this.round;
    await this.handOver(this.owned());
    await this.kv?.delete(replicaKey(this.config.replicaId)).catch(() => undefined);
    this.stopWatch?.();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.roundTimer);
    clearInterval(this.expiryTimer);
    this.stopWatch?.();
  }

  private scheduleRound(): void {
    if (this.stopped) return;
    this.roundTimer = setTimeout(() => {
      this.round = this.runRound('takeover')
        .catch((err: unknown) => this.logger.warn({ err: String(err) }, 'lease round failed'))
        .finally(() => this.scheduleRound());
    }, this.roundMs);
  }

  private async runRound(origin: RestoreOrigin): Promise<void> {
    const kv = this.kv;
    if (!kv || this.stopped) return;
    // Heartbeat and renewals side by side: one after the other, two round trips on a busy machine
    // could outlast the local expiry and lose the partitions of a replica that was merely slow.
    await Promise.all([
      kv.put(replicaKey(this.config.replicaId), this.value).catch((err: unknown) => this.logger.debug({ err: String(err) }, 'heartbeat failed')),
      this.renewAll(kv),
    ]);
    const now = Date.now();
    const plan = planLeases({
      count: this.layout.count,
      me: this.config.replicaId,
      members: this.members(now),
      leases: this.leaseView(now),
      mine: new Set(this.held.keys()),
    });
    const taken: number[] = [];
    for (const p of plan.reclaim) if (await this.reclaim(kv, p)) taken.push(p);
    for (const p of plan.acquire) if (await this.acquire(kv, p)) taken.push(p);
    if (taken.length > 0) await this.ownership.adopt(taken, origin);
    if (plan.release.length > 0) await this.handOver(plan.release);
    this.metrics.partitionsOwned.set(this.held.size);
  }

  private async renewAll(kv: KV): Promise<void> {
    await Promise.all(
      [...this.held].map(async ([p, lease]) => {
        const sentAt = Date.now();
        try {
          lease.revision = await kv.update(leaseKey(p), this.value, lease.revision);
          lease.renewedAt = sentAt;
        } catch (err) {
          // Refused means someone else holds it now; anything else (timeout, broker away) is retried until local expiry.
          if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamWrongLastSequence) await this.lose(p, 'lease renewal refused');
          else this.logger.debug({ err: String(err), partition: p }, 'lease renewal failed');
        }
      }),
    );
  }

  private async acquire(kv: KV, p: number): Promise<boolean> {
    const sentAt = Date.now();
    try {
      this.held.set(p, { revision: await kv.create(leaseKey(p), this.value), renewedAt: sentAt });
      return true;
    } catch {
      // Someone else holds it, or its lease has not expired on the broker yet: try again next round.
      return false;
    }
  }

  /**
   * Takes back a lease this replica was last seen holding: one an earlier run (same replica id)
   * left behind, or one it let go of while the broker was away. Gone by now: create it afresh.
   */
  private async reclaim(kv: KV, p: number): Promise<boolean> {
    const sentAt = Date.now();
    try {
      const entry = await kv.get(leaseKey(p));
      if (entry?.operation !== 'PUT') return await this.acquire(kv, p);
      if (this.ownerOf(entry.string()) !== this.config.replicaId) return false;
      this.held.set(p, { revision: await kv.update(leaseKey(p), this.value, entry.revision), renewedAt: sentAt });
      return true;
    } catch {
      return false;
    }
  }

  /** Hands partitions over: finish their work, then delete each lease only if it is still ours. */
  private async handOver(partitions: readonly number[]): Promise<void> {
    const leases = new Map<number, HeldLease>();
    for (const p of partitions) {
      const lease = this.held.get(p);
      if (lease && this.held.delete(p)) leases.set(p, lease);
    }
    if (leases.size === 0) return;
    await this.ownership.release([...leases.keys()], 'handover');
    await Promise.all([...leases].map(([p, lease]) => this.kv?.delete(leaseKey(p), { previousSeq: lease.revision }).catch(() => undefined)));
  }

  private async lose(p: number, why: string): Promise<void> {
    if (!this.held.delete(p)) return;
    this.logger.warn({ partition: p, why }, 'partition lost');
    await this.ownership.release([p], 'lost');
    this.metrics.partitionsOwned.set(this.held.size);
  }

  /**
   * Lets go of leases whose renewal has not been confirmed for too long, whatever the rounds are
   * doing. Checked after the event loop's I/O phase: after a long busy spell, timers run before
   * pending socket reads, and a confirmation already received must count.
   */
  private expireStale(): void {
    setImmediate(() => {
      const limit = this.config.leaseMs * LOCAL_EXPIRY_SHARE;
      const now = Date.now();
      for (const [p, lease] of this.held) {
        if (now - lease.renewedAt > limit) void this.lose(p, `no confirmed renewal for ${now - lease.renewedAt} ms`);
      }
    });
  }

  /**
   * Replicas with a fresh heartbeat. A dead replica's heartbeat expires on the broker without a
   * watch event, so its entry is dropped here, or replica churn would grow the map for ever.
   */
  private members(now: number): string[] {
    const members: string[] = [];
    for (const [key, { owner, at }] of this.seen) {
      if (!key.startsWith('replica.')) continue;
      if (now - at <= this.config.leaseMs) members.push(owner);
      else this.seen.delete(key);
    }
    return members;
  }

  private leaseView(now: number): Map<number, SeenLease> {
    const leases = new Map<number, SeenLease>();
    for (let p = 0; p < this.layout.count; p++) {
      const seen = this.seen.get(leaseKey(p));
      if (seen) leases.set(p, { owner: seen.owner, fresh: now - seen.at <= this.config.leaseMs });
    }
    return leases;
  }

  private ownerOf(text: string): string | undefined {
    const parsed = LeaseValueSchema.safeParse(parseJsonOrText(text));
    return parsed.success ? parsed.data.owner : undefined;
  }

  private async watchBucket(kv: KV): Promise<void> {
    const watch = await kv.watch();
    this.stopWatch = () => watch.stop();
    void (async () => {
      for await (const entry of watch) {
        const owner = entry.operation === 'PUT' ? this.ownerOf(entry.string()) : undefined;
        if (owner === undefined) this.seen.delete(entry.key);
        else this.seen.set(entry.key, { owner, at: Date.now() });
      }
    })().catch((err: unknown) => this.logger.error({ err }, 'lease watch failed'));
  }
}
