import { Injectable } from '@nestjs/common';
import { DeviceStatusSchema, PresenceSchema, deviceIdFromSubject, subjects } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { DevicesService } from './devices.service';

/**
 * Status and presence from the agents of the partitions this replica owns, as its partition
 * subscriptions deliver them. Every payload is parsed here; an invalid one is counted, logged
 * once per subject and dropped, never thrown. Invalid messages are counted under the public
 * subject pattern, whichever partition they came from.
 */
@Injectable()
export class DeviceIntake {
  constructor(
    private readonly devices: DevicesService,
    private readonly invalid: InvalidMessages,
  ) {}

  onStatus(subject: string, data: unknown): void {
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

  onPresence(subject: string, data: unknown): void {
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
}
