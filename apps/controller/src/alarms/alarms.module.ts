import { Module } from '@nestjs/common';
import { StateStoreModule } from '../state-store/state-store.module';
import { AlarmsController } from './alarms.controller';
import { AlarmIntake } from './alarm-intake.service';
import { AlarmsService } from './alarms.service';
import { FleetViewModule } from '../fleet-view/fleet-view.module';
import { OwnerForwarder } from '../partitions/owner-forwarder.service';

/** Alarms: raised and cleared from device conditions, acknowledged by operators, kept in KV. */
@Module({
  imports: [StateStoreModule, FleetViewModule],
  controllers: [AlarmsController],
  providers: [AlarmsService, AlarmIntake, OwnerForwarder],
  exports: [AlarmsService, AlarmIntake],
})
export class AlarmsModule {}
