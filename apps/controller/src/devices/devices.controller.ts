import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import {
  DeviceStatusSchema,
  PresenceSchema,
  deviceIdFromSubject,
  subjects,
  type ControlSnapshot,
} from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { AlarmsService } from '../alarms/alarms.service';
import { DevicesService } from './devices.service';

/**
 * Status and presence from agents (events), and the snapshot request. Every payload is parsed
 * here; an invalid one is counted, logged once per subject and dropped, never thrown.
 * Nest's transport subscribes to the wildcard itself and routes by it, so the concrete subject
 * (and from it the deviceId) comes from the NatsContext.
 */
@Controller()
export class DevicesController {
  constructor(
    private readonly devices: DevicesService,
    private readonly alarms: AlarmsService,
    private readonly invalid: InvalidMessages,
  ) {}

  @EventPattern<string>(subjects.allDeviceStatus)
  onStatus(@Payload() data: unknown, @Ctx() ctx: NatsContext): void {
    const subject = ctx.getSubject();
    const parsed = DeviceStatusSchema.safeParse(data);
    if (!parsed.success) {
      this.invalid.record(subjects.allDeviceStatus, 'schema', subject, formatZodIssues(parsed.error));
      return;
    }
    if (deviceIdFromSubject(subject) !== parsed.data.deviceId) {
      this.invalid.record(subjects.allDeviceStatus, 'subject-mismatch', subject, `deviceId ${parsed.data.deviceId}`);
      return;
    }
    const rejection = this.devices.handleStatus(parsed.data);
    if (rejection) this.invalid.record(subjects.allDeviceStatus, rejection, subject, `kind ${parsed.data.kind}`);
  }

  @EventPattern<string>(subjects.allDevicePresence)
  onPresence(@Payload() data: unknown, @Ctx() ctx: NatsContext): void {
    const subject = ctx.getSubject();
    const parsed = PresenceSchema.safeParse(data);
    if (!parsed.success) {
      this.invalid.record(subjects.allDevicePresence, 'schema', subject, formatZodIssues(parsed.error));
      return;
    }
    if (deviceIdFromSubject(subject) !== parsed.data.deviceId) {
      this.invalid.record(subjects.allDevicePresence, 'subject-mismatch', subject, `deviceId ${parsed.data.deviceId}`);
      return;
    }
    this.devices.handlePresence(parsed.data);
  }

  /** Every known device's current state, and the alarms that are active or unacknowledged; any request body is ignored. */
  @MessagePattern(subjects.controlSnapshot)
  snapshot(): ControlSnapshot {
    return { devices: this.devices.snapshot(), alarms: this.alarms.list() };
  }
}
