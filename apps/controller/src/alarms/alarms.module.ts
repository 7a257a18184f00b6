import { Module } from '@nestjs/common';
import { StateStoreModule } from '../state-store/state-store.module';
import { AlarmsController } from './alarms.controller';
import { AlarmsService } from './alarms.service';

/** Alarms: raised and cleared from device conditions, acknowledged by operators, kept in KV. */
@Module({
  imports: [StateStoreModule],
  controllers: [AlarmsController],
  providers: [AlarmsService],
  exports: [AlarmsService],
})
export class AlarmsModule {}
