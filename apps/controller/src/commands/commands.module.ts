import { Module } from '@nestjs/common';
import { DevicesModule } from '../devices/devices.module';
import { StateStoreModule } from '../state-store/state-store.module';
import { AgentClient } from './agent-client.service';
import { CommandsController } from './commands.controller';
import { CommandIntake } from './command-intake.service';
import { CommandsService } from './commands.service';

/** Operator commands: validation, dedupe, per-device ordering, hardware round trip. */
@Module({
  imports: [DevicesModule, StateStoreModule],
  controllers: [CommandsController],
  providers: [CommandsService, CommandIntake, AgentClient],
  exports: [CommandsService, CommandIntake],
})
export class CommandsModule {}
