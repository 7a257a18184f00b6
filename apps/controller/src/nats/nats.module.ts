import { Global, Module } from '@nestjs/common';
import { natsConnectionProvider } from './nats-connection.provider';
import { NatsLifecycle } from './nats-lifecycle.service';
import { NATS_CONNECTION } from './nats.constants';

/** Provides the controller's own nats.js connection to every feature. */
@Global()
@Module({
  providers: [natsConnectionProvider, NatsLifecycle],
  exports: [NATS_CONNECTION],
})
export class NatsModule {}
