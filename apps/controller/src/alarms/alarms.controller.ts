import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { AlarmAckReplySchema, AlarmAckSchema, ErrorReplySchema, subjects, type AlarmAckReply, type ErrorReply } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { FleetView } from '../fleet-view/fleet-view.service';
import { OwnerForwarder } from '../nats/owner-forwarder.service';
import { AlarmsService } from './alarms.service';

const OwnerReplySchema = AlarmAckReplySchema.or(ErrorReplySchema);

/**
 * Alarm acknowledgements. `fleet.v1.control.alarm.ack` is taken by any replica, which finds the
 * alarm's device in the fleet view and passes it on to the owner's
 * `fleet.v1.control.alarm.ack.<deviceId>` (see AlarmIntake).
 */
@Controller()
export class AlarmsController {
  constructor(
    private readonly alarms: AlarmsService,
    private readonly invalid: InvalidMessages,
    private readonly view: FleetView,
    private readonly forwarder: OwnerForwarder,
  ) {}

  /** A request that fails validation is answered with `{ error }` listing every issue. */
  @MessagePattern(subjects.alarmAck)
  async acknowledge(@Payload() data: unknown): Promise<AlarmAckReply | ErrorReply> {
    const parsed = AlarmAckSchema.safeParse(data);
    if (!parsed.success) {
      const error = formatZodIssues(parsed.error);
      this.invalid.record(subjects.alarmAck, 'schema', subjects.alarmAck, error);
      return { error: error.slice(0, 1000) };
    }
    const deviceId = (this.alarms.get(parsed.data.alarmId) ?? this.view.alarm(parsed.data.alarmId))?.deviceId;
    if (deviceId === undefined) return this.alarms.acknowledge(parsed.data);
    return this.forwarder.forward(subjects.alarmAckFor(deviceId), parsed.data, OwnerReplySchema);
  }
}
