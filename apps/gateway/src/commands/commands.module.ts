import { Module } from '@nestjs/common';
import { CommandsService } from './commands.service';

/** Operator commands: validation and request/reply to the controller. */
@Module({
  providers: [CommandsService],
  exports: [CommandsService],
})
export class CommandsModule {}
