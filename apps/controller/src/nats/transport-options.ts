import { Transport, type NatsOptions } from '@nestjs/microservices';
import type { Config } from '../config';
import { connectionOptions } from './connection-options';
import { PlainJsonDeserializer, PlainJsonSerializer } from './json-codec';

/** Queue group of every replica's transport: a snapshot, event query or legacy request is answered by one replica. */
export const CONTROLLER_QUEUE = 'fleet-controller';

/**
 * Options of Nest's NATS transport: plain JSON on the wire, the shared reconnect policy, and one
 * queue group for every replica. Per-partition subjects are subscribed separately (PartitionOwner).
 */
export function natsTransportOptions(config: Config): NatsOptions {
  return {
    transport: Transport.NATS,
    options: {
      ...connectionOptions(config.natsUrl, 'fleet-controller-transport', config.natsAuth),
      serializer: new PlainJsonSerializer(),
      deserializer: new PlainJsonDeserializer(),
      queue: CONTROLLER_QUEUE,
    },
  };
}
