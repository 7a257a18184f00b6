import { Module } from '@nestjs/common';
import { StatePublisher } from './state-publisher.service';
import { StateStoreService } from './state-store.service';

/** KV buckets, the events stream, and the publisher of state, events and alarms. */
@Module({
  providers: [StateStoreService, StatePublisher],
  exports: [StateStoreService, StatePublisher],
})
export class StateStoreModule {}
