import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AlarmAckSchema, subjects, type AlarmAckReply, type ErrorReply } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { AlarmsService } from './alarms.service';

/** `fleet.v1.control.alarm.ack` request/reply. */
@Controller()
export class AlarmsController {
  constructor(
    private readonly alarms: AlarmsService,
    private readonly invalid: InvalidMessages,
  ) {}

  /** A request that fails validation is answered with `{ error }` listing every issue. */
  @MessagePattern(subjects.alarmAck)
  acknowledge(@Payload() data: unknown): AlarmAckReply | ErrorReply {
    const parsed = AlarmAckSchema.safeParse(data);
    if (!parsed.success) {
      const error = formatZodIssues(parsed.error);
      this.invalid.record(subjects.alarmAck, 'schema', subjects.alarmAck, error);
      return { error: error.slice(0, 1000) };
    }
    return this.alarms.acknowledge(parsed.data);
  }
}
