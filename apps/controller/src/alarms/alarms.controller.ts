import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AlarmAckReplySchema,
  AlarmAckSchema,
  AlarmActionReplySchema,
  AlarmActionSchema,
  ErrorReplySchema,
  subjects,
  type AlarmAckReply,
  type AlarmActionReply,
  type ErrorReply,
} from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { FleetView } from '../fleet-view/fleet-view.service';
import { OwnerForwarder } from '../nats/owner-forwarder.service';
import { AlarmsService } from './alarms.service';
import { forwardAlarmAction } from './alarm-forwarding';

const OwnerReplySchema = AlarmAckReplySchema.or(ErrorReplySchema);
const OwnerActionReplySchema = AlarmActionReplySchema.or(ErrorReplySchema);

/**
 * Alarm requests on the legacy subjects, taken by any replica: `fleet.v1.control.alarm.ack` and
 * `fleet.v1.control.alarm.action`. The replica finds each alarm's device (its own book, else the
 * fleet view) and passes the request on to the owner's per-device subject (see AlarmIntake).
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
    if (!parsed.success) return this.invalidRequest(subjects.alarmAck, parsed.error);
    const deviceId = this.deviceOf(parsed.data.alarmId);
    if (deviceId === undefined) return this.alarms.acknowledge(parsed.data);
    return this.forwarder.forward(subjects.alarmAckFor(deviceId), parsed.data, OwnerReplySchema);
  }

  /**
   * An operator action. Acknowledging alarms of several devices is split into one request per
   * device (requestId suffixed with the device) and the replies merged; unknown alarms are refused.
   */
  @MessagePattern(subjects.alarmAction)
  async act(@Payload() data: unknown): Promise<AlarmActionReply | ErrorReply> {
    const parsed = AlarmActionSchema.safeParse(data);
    if (!parsed.success) return this.invalidRequest(subjects.alarmAction, parsed.error);
    return forwardAlarmAction(parsed.data, (alarmId) => this.deviceOf(alarmId), (deviceId, body) =>
      this.forwarder.forward(subjects.alarmActionFor(deviceId), body, OwnerActionReplySchema),
    );
  }

  private deviceOf(alarmId: string): string | undefined {
    return (this.alarms.get(alarmId) ?? this.view.alarm(alarmId))?.deviceId;
  }

  private invalidRequest(subject: string, error: Parameters<typeof formatZodIssues>[0]): ErrorReply {
    const detail = formatZodIssues(error);
    this.invalid.record(subject, 'schema', subject, detail);
    return { error: detail.slice(0, 1000) };
  }
}
