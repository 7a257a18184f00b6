import { Module } from '@nestjs/common';
import { StateStoreModule } from '../state-store/state-store.module';
import { FleetView } from './fleet-view.service';

/** The whole fleet's stored states and alarms, mirrored from KV on every replica. */
@Module({
  imports: [StateStoreModule],
  providers: [FleetView],
  exports: [FleetView],
})
export class FleetViewModule {}
