import { Module } from '@nestjs/common';
import { StateStoreModule } from '../state-store/state-store.module';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';
import { OfflineSweep } from './offline-sweep.service';
import { StatePublisher } from './state-publisher.service';

/** Device registry, state machines, offline sweep and timed steps. */
@Module({
  imports: [StateStoreModule],
  controllers: [DevicesController],
  providers: [DevicesService, StatePublisher, OfflineSweep],
  exports: [DevicesService],
})
export class DevicesModule {}
