import { Global, Module } from '@nestjs/common';
import { leaseConnectionProvider, natsConnectionProvider } from './nats-connection.provider';
import { NatsLifecycle } from './nats-lifecycle.service';
import { NatsLink } from './nats-link';
import { OwnerForwarder } from './owner-forwarder.service';
import { LEASE_CONNECTION, NATS_CONNECTION } from './nats.constants';

/** Provides the controller's nats.js connections, their link state, and passing requests on to partition owners, to every feature. */
@Global()
@Module({
  providers: [natsConnectionProvider, leaseConnectionProvider, NatsLifecycle, NatsLink, OwnerForwarder],
  exports: [NATS_CONNECTION, LEASE_CONNECTION, NatsLink, OwnerForwarder],
})
export class NatsModule {}
