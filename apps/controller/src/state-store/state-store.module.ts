import { Module } from '@nestjs/common';
import { StateStoreService } from './state-store.service';

/** KV-backed device state and the JetStream stream for events. */
@Module({
  providers: [StateStoreService],
  exports: [StateStoreService],
})
export class StateStoreModule {}
