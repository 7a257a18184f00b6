import { Module } from '@nestjs/common';
import { AlarmsModule } from '../alarms/alarms.module';
import { StateStoreModule } from '../state-store/state-store.module';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';
import { OfflineSweep } from './offline-sweep.service';

/** Device registry, state machines, offline sweep, slow detection and timed steps. */
@Module({
  imports: [StateStoreModule, AlarmsModule],
  controllers: [DevicesController],
  providers: [DevicesService, OfflineSweep],
  exports: [DevicesService],
})
export class DevicesModule {}
