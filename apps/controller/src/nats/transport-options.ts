import { Transport, type NatsOptions } from '@nestjs/microservices';
import type { Config } from '../config';
import { connectionOptions } from './connection-options';
import { PlainJsonDeserializer, PlainJsonSerializer } from './json-codec';

/** Options of Nest's NATS transport: plain JSON on the wire and the shared reconnect policy. */
export function natsTransportOptions(config: Config): NatsOptions {
  return {
    transport: Transport.NATS,
    options: {
      ...connectionOptions(config.natsUrl, 'fleet-controller-transport'),
      serializer: new PlainJsonSerializer(),
      deserializer: new PlainJsonDeserializer(),
    },
  };
}
