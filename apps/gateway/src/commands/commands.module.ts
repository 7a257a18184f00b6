import { Module } from '@nestjs/common';
import { FleetStreamModule } from '../fleet-stream/fleet-stream.module';
import { CommandsService } from './commands.service';

/** Operator commands: validation and request/reply to the controller (alarm owners come from the device cache). */
@Module({
  imports: [FleetStreamModule],
  providers: [CommandsService],
  exports: [CommandsService],
})
export class CommandsModule {}
