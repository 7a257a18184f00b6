import { Module } from '@nestjs/common';
import { StateStoreModule } from '../state-store/state-store.module';
import { AlarmsController } from './alarms.controller';
import { AlarmIntake } from './alarm-intake.service';
import { AlarmsService } from './alarms.service';
import { FleetViewModule } from '../fleet-view/fleet-view.module';

/** Alarms: raised and cleared from device conditions, acknowledged by operators, kept in KV. */
@Module({
  imports: [StateStoreModule, FleetViewModule],
  controllers: [AlarmsController],
  providers: [AlarmsService, AlarmIntake],
  exports: [AlarmsService, AlarmIntake],
})
export class AlarmsModule {}
