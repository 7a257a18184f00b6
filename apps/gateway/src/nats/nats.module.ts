import { Global, Module } from '@nestjs/common';
import { natsConnectionProvider } from './nats-connection.provider';
import { NATS_CONNECTION } from './nats.constants';
import { NatsLifecycleService } from './nats-lifecycle.service';

/** One NATS connection for the whole gateway. */
@Global()
@Module({
  providers: [natsConnectionProvider, NatsLifecycleService],
  exports: [NATS_CONNECTION, NatsLifecycleService],
})
export class NatsModule {}
