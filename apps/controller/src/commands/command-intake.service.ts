import { Injectable } from '@nestjs/common';
import { ControlCommandSchema, deviceIdFromSubject, subjects, type ControlCommandReply, type ErrorReply } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { CommandsService } from './commands.service';

/** Commands on the per-device subjects of the partitions this replica owns. */
@Injectable()
export class CommandIntake {
  constructor(
    private readonly commands: CommandsService,
    private readonly invalid: InvalidMessages,
  ) {}

  /** A request that fails validation, or names another device than its subject, is answered with `{ error }`. */
  async owned(subject: string, data: unknown): Promise<ControlCommandReply | ErrorReply> {
    const pattern = `${subjects.controlCommand}.*`;
    const parsed = ControlCommandSchema.safeParse(data);
    if (!parsed.success) {
      const error = formatZodIssues(parsed.error);
      this.invalid.record(pattern, 'schema', subject, error);
      return { error: error.slice(0, 1000) };
    }
    if (deviceIdFromSubject(subject) !== parsed.data.deviceId) {
      this.invalid.record(pattern, 'subject-mismatch', subject, `deviceId ${parsed.data.deviceId}`);
      return { error: `deviceId ${parsed.data.deviceId} does not match the subject ${subject}` };
    }
    return this.commands.execute(parsed.data);
  }
}
