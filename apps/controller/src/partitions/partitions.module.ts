import { Module } from '@nestjs/common';
import { AlarmsModule } from '../alarms/alarms.module';
import { CommandsModule } from '../commands/commands.module';
import { DevicesModule } from '../devices/devices.module';
import { FleetViewModule } from '../fleet-view/fleet-view.module';
import { StateStoreModule } from '../state-store/state-store.module';
import { OwnershipService } from './ownership.service';
import { PartitionOwner } from './partition-owner.service';

/** Partition leases and what owning a partition means: the replica side of scale-out (docs/scale-out.md). */
@Module({
  imports: [StateStoreModule, FleetViewModule, DevicesModule, AlarmsModule, CommandsModule],
  providers: [OwnershipService, PartitionOwner],
  exports: [PartitionOwner],
})
export class PartitionsModule {}
