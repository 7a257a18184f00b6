import { Global, Module } from '@nestjs/common';
import { leaseConnectionProvider, natsConnectionProvider } from './nats-connection.provider';
import { NatsLifecycle } from './nats-lifecycle.service';
import { NatsLink } from './nats-link';
import { LEASE_CONNECTION, NATS_CONNECTION } from './nats.constants';

/** Provides the controller's own nats.js connection, and its link state, to every feature. */
@Global()
@Module({
  providers: [natsConnectionProvider, leaseConnectionProvider, NatsLifecycle, NatsLink],
  exports: [NATS_CONNECTION, LEASE_CONNECTION, NatsLink],
})
export class NatsModule {}
