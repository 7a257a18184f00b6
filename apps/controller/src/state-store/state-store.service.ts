import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { JetStreamApiCodes, JetStreamApiError, jetstreamManager } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM, PARTITIONS_BUCKET, STATE_BUCKET } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { parseJsonOrText } from '../nats/json-codec';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ensureEventsStream } from './events-stream';
import { ALARMS_BUCKET, COMMANDS_BUCKET, kvStreamName } from './state-store.constants';

/** The controller's KV buckets. */
export type Bucket = typeof STATE_BUCKET | typeof ALARMS_BUCKET | typeof COMMANDS_BUCKET | typeof PARTITIONS_BUCKET;

/** The error JetStream answers a create with when the key already has a value. */
function isWrongLastSequence(code: number): boolean {
  return code === JetStreamApiCodes.StreamWrongLastSequence || code === JetStreamApiCodes.StreamWrongLastSequenceUnknown;
}

/** How long a health probe of JetStream may take before it counts as a failure. */
const PROBE_TIMEOUT_MS = 1000;

/**
 * Everything the controller keeps in JetStream: KV buckets `fleet_state` (last DeviceState per
 * device), `fleet_alarms` (alarms still active or unacknowledged), `fleet_commands` (command
 * records, max age = the command TTL) and `fleet_partitions` (leases, max age = the lease), and
 * stream FLEET_EVENTS. Values are JSON; callers parse.
 */
@Injectable()
export class StateStoreService implements OnModuleInit {
  private opened: Promise<ReadonlyMap<Bucket, KV>> | undefined;
  /** Writes sent but not yet confirmed, so a partition handed over can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.open();
  }

  /** Creates or opens the buckets and the events stream, once. An existing bucket keeps its settings. */
  private open(): Promise<ReadonlyMap<Bucket, KV>> {
    this.opened ??= (async () => {
      const kvm = new Kvm(this.nc);
      const replicas = this.config.kvReplicas;
      const buckets = new Map<Bucket, KV>([
        [STATE_BUCKET, await kvm.create(STATE_BUCKET, { history: 1, replicas })],
        [ALARMS_BUCKET, await kvm.create(ALARMS_BUCKET, { history: 1, replicas })],
        [COMMANDS_BUCKET, await kvm.create(COMMANDS_BUCKET, { history: 1, ttl: this.config.commandTtlMs, replicas })],
        [PARTITIONS_BUCKET, await kvm.create(PARTITIONS_BUCKET, { history: 1, ttl: this.config.leaseMs, replicas })],
      ]);
      const leaseTtlMs = (await buckets.get(PARTITIONS_BUCKET)?.status())?.ttl;
      if (leaseTtlMs !== this.config.leaseMs) {
        // The first replica created the bucket; its TTL is the lease every replica lives by.
        this.logger.warn({ leaseMs: this.config.leaseMs, bucketTtlMs: leaseTtlMs }, `bucket ${PARTITIONS_BUCKET} exists with another TTL; leases expire after ${leaseTtlMs} ms`);
      }
      const stream = await ensureEventsStream(this.nc, {
        maxAgeMs: this.config.eventsMaxAgeMs,
        maxBytes: this.config.eventsMaxBytes,
        replicas,
      });
      this.logger.info({ buckets: [...buckets.keys()], stream, commandTtlMs: this.config.commandTtlMs, replicas }, 'state store open');
      return buckets;
    })();
    return this.opened;
  }

  /** The bucket itself, for watchers. */
  async kv(bucket: Bucket): Promise<KV> {
    const kv = (await this.open()).get(bucket);
    if (!kv) throw new Error(`bucket ${bucket} not open`);
    return kv;
  }

  /** One value, or `undefined` when absent or deleted. Rejects when JetStream does not answer. */
  async get(bucket: Bucket, key: string): Promise<unknown> {
    const entry = await (await this.kv(bucket)).get(key);
    return entry?.operation === 'PUT' ? parseJsonOrText(entry.string()) : undefined;
  }

  /** Stores a value and resolves once JetStream has it. */
  async putNow(bucket: Bucket, key: string, value: unknown): Promise<void> {
    await (await this.kv(bucket)).put(key, JSON.stringify(value));
  }

  /**
   * Stores a value only if the key holds none (atomic create-if-absent): resolves `true` when
   * this call created it, `false` when the key already had a value. Rejects when JetStream does
   * not answer.
   */
  async create(bucket: Bucket, key: string, value: unknown): Promise<boolean> {
    try {
      await (await this.kv(bucket)).create(key, JSON.stringify(value));
      return true;
    } catch (err) {
      if (err instanceof JetStreamApiError && isWrongLastSequence(err.code)) return false;
      throw err;
    }
  }

  /**
   * Stores a value without blocking the caller. Writes for one key reach JetStream in publish
   * order, so the last one wins; a failed write is logged and superseded by the next.
   */
  put(bucket: Bucket, key: string, value: unknown): void {
    this.track(this.putNow(bucket, key, value).catch((err: unknown) => this.logger.warn({ err, bucket, key }, 'kv put failed')));
  }

  /** Deletes a key without blocking the caller. */
  remove(bucket: Bucket, key: string): void {
    this.track(
      this.kv(bucket)
        .then((kv) => kv.delete(key))
        .catch((err: unknown) => this.logger.warn({ err, bucket, key }, 'kv delete failed')),
    );
  }

  /** Resolves once every write sent so far has been confirmed or has failed. */
  async flush(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private track(write: Promise<void>): void {
    this.inFlight.add(write);
    void write.then(() => this.inFlight.delete(write));
  }

  /** What is missing for the controller to work: empty when every bucket and the stream answer. */
  async problems(): Promise<string[]> {
    const problems: string[] = [];
    try {
      const jsm = await jetstreamManager(this.nc, { timeout: PROBE_TIMEOUT_MS });
      const streams = [EVENTS_STREAM, ...[STATE_BUCKET, ALARMS_BUCKET, COMMANDS_BUCKET, PARTITIONS_BUCKET].map(kvStreamName)];
      await Promise.all(
        streams.map((name) =>
          jsm.streams.info(name).catch(() => {
            problems.push(`stream ${name} missing or not answering`);
          }),
        ),
      );
    } catch (err) {
      problems.push(`jetstream not answering: ${err instanceof Error ? err.message : String(err)}`);
    }
    return problems;
  }
}
