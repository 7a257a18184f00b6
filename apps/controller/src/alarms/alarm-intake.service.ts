import { Injectable } from '@nestjs/common';
import { AlarmAckSchema, deviceIdFromSubject, subjects, type AlarmAckReply, type ErrorReply } from '@fleet/contracts';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { AlarmsService } from './alarms.service';

/** Acknowledgements on the per-device subjects of the partitions this replica owns. */
@Injectable()
export class AlarmIntake {
  constructor(
    private readonly alarms: AlarmsService,
    private readonly invalid: InvalidMessages,
  ) {}

  /** A request that fails validation is answered with `{ error }`; an alarm of another device is refused. */
  owned(subject: string, data: unknown): AlarmAckReply | ErrorReply {
    const pattern = `${subjects.alarmAck}.*`;
    const parsed = AlarmAckSchema.safeParse(data);
    if (!parsed.success) {
      const error = formatZodIssues(parsed.error);
      this.invalid.record(pattern, 'schema', subject, error);
      return { error: error.slice(0, 1000) };
    }
    const deviceId = deviceIdFromSubject(subject);
    const alarm = this.alarms.get(parsed.data.alarmId);
    if (alarm && alarm.deviceId !== deviceId) {
      return { accepted: false, reason: `alarm ${alarm.id} belongs to ${alarm.deviceId}, not ${deviceId ?? 'this subject'}` };
    }
    return this.alarms.acknowledge(parsed.data);
  }
}
