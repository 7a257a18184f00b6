import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ControlCommandReplySchema,
  ControlCommandSchema,
  ErrorReplySchema,
  subjects,
  type ControlCommandReply,
  type ErrorReply,
} from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { OwnerForwarder } from '../nats/owner-forwarder.service';

const OwnerReplySchema = ControlCommandReplySchema.or(ErrorReplySchema);

/**
 * `fleet.v1.control.command`: taken by any replica and passed on to the device's owner, which
 * gets it on `fleet.v1.control.command.<deviceId>` (see CommandIntake).
 */
@Controller()
export class CommandsController {
  constructor(
    private readonly invalid: InvalidMessages,
    private readonly forwarder: OwnerForwarder,
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
    return this.forwarder.forward(subjects.controlCommandFor(parsed.data.deviceId), parsed.data, OwnerReplySchema);
  }
}
