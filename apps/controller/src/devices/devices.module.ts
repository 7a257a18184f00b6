import { Module } from '@nestjs/common';
import { AlarmsModule } from '../alarms/alarms.module';
import { StateStoreModule } from '../state-store/state-store.module';
import { DevicesController } from './devices.controller';
import { DeviceIntake } from './device-intake.service';
import { DevicesService } from './devices.service';
import { FleetViewModule } from '../fleet-view/fleet-view.module';
import { IntakeQueue } from './intake-queue';
import { OfflineSweep } from './offline-sweep.service';

/** Device registry, state machines, offline sweep, slow detection and timed steps. */
@Module({
  imports: [StateStoreModule, AlarmsModule, FleetViewModule],
  controllers: [DevicesController],
  providers: [DevicesService, DeviceIntake, IntakeQueue, OfflineSweep],
  exports: [DevicesService, DeviceIntake, IntakeQueue],
})
export class DevicesModule {}
