import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ControlCommandSchema, subjects, type ControlCommandReply, type ErrorReply } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { CommandsService } from './commands.service';

/** `fleet.v1.control.command` request/reply. */
@Controller()
export class CommandsController {
  constructor(
    private readonly commands: CommandsService,
    private readonly invalid: InvalidMessages,
  ) {}

  /** A request that fails validation is answered with `{ error }` listing every issue. */
  @MessagePattern(subjects.controlCommand)
  async command(@Payload() data: unknown): Promise<ControlCommandReply | ErrorReply> {
    const parsed = ControlCommandSchema.safeParse(data);
    if (!parsed.success) {
      const error = formatZodIssues(parsed.error);
      this.invalid.record(subjects.controlCommand, 'schema', subjects.controlCommand, error);
      return { error: error.slice(0, 1000) };
    }
    return this.commands.execute(parsed.data);
  }
}
