import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Kvm, type KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { STATE_BUCKET, type DeviceState } from '@fleet/contracts';
import type { Logger } from 'pino';
import { LOGGER } from '../logger/logger.constants';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { ensureEventsStream } from './events-stream';

/** One stored value as read back from the bucket, still to be validated by the caller. */
export interface StoredEntry {
  readonly key: string;
  readonly value: unknown;
}

/**
 * The last DeviceState of every device in KV bucket `fleet_state` (history 1), and the
 * JetStream set-up the controller relies on (stream FLEET_EVENTS).
 */
@Injectable()
export class StateStoreService implements OnModuleInit {
  private bucket: Promise<KV> | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.open();
  }

  /** Creates or opens the bucket and the events stream, once. */
  private open(): Promise<KV> {
    this.bucket ??= (async () => {
      const kv = await new Kvm(this.nc).create(STATE_BUCKET, { history: 1 });
      const stream = await ensureEventsStream(this.nc);
      this.logger.info({ bucket: STATE_BUCKET, stream }, 'state store open');
      return kv;
    })();
    return this.bucket;
  }

  /** Every current entry of the bucket; deleted keys are skipped, non-JSON values come back as text. */
  async loadAll(): Promise<StoredEntry[]> {
    const kv = await this.open();
    const keys: string[] = [];
    for await (const key of await kv.keys()) keys.push(key);
    const entries: StoredEntry[] = [];
    for (const key of keys) {
      const entry = await kv.get(key);
      if (!entry || entry.operation !== 'PUT') continue;
      const text = entry.string();
      try {
        entries.push({ key, value: JSON.parse(text) });
      } catch {
        entries.push({ key, value: text });
      }
    }
    return entries;
  }

  /**
   * Stores a device's state without blocking the caller. Writes for one key reach JetStream in
   * publish order, so the last one wins; a failed write is logged and superseded by the next.
   */
  put(state: DeviceState): void {
    this.open()
      .then((kv) => kv.put(state.deviceId, JSON.stringify(state)))
      .catch((err: unknown) => this.logger.warn({ err, deviceId: state.deviceId }, 'kv put failed'));
  }
}
