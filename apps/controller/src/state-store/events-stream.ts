import { DiscardPolicy, StorageType, jetstreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM } from '@fleet/contracts';
import { EVENTS_SUBJECTS } from './state-store.constants';

/** Limits of FLEET_EVENTS when the controller creates it. */
export interface EventsLimits {
  readonly maxAgeMs: number;
  readonly maxBytes: number;
  /** JetStream replicas (1 on a single broker, 3 on a 3-node cluster). */
  readonly replicas: number;
}

/**
 * Creates stream FLEET_EVENTS when it does not exist. An existing stream is left as it is: its
 * limits may have been tuned by an operator, and another process may have created it first.
 */
export async function ensureEventsStream(nc: NatsConnection, limits: EventsLimits): Promise<'created' | 'existing'> {
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(EVENTS_STREAM);
    return 'existing';
  } catch {
    // Not found (or not readable): try to create it; a concurrent creator makes add fail, so re-check.
  }
  try {
    await jsm.streams.add({
      name: EVENTS_STREAM,
      subjects: EVENTS_SUBJECTS,
      max_age: nanos(limits.maxAgeMs),
      max_bytes: limits.maxBytes,
      discard: DiscardPolicy.Old,
      storage: StorageType.File,
      num_replicas: limits.replicas,
    });
    return 'created';
  } catch (err) {
    await jsm.streams.info(EVENTS_STREAM).catch(() => {
      throw err;
    });
    return 'existing';
  }
}
