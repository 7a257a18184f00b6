import { Injectable } from '@nestjs/common';
import {
  AlarmActionSchema,
  AlarmAckSchema,
  deviceIdFromSubject,
  subjects,
  type AlarmAckReply,
  type AlarmActionReply,
  type ErrorReply,
} from '@fleet/contracts';
import type { z } from 'zod';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { AlarmsService } from './alarms.service';

/** Acknowledgements and actions on the per-device subjects of the partitions this replica owns. */
@Injectable()
export class AlarmIntake {
  constructor(
    private readonly alarms: AlarmsService,
    private readonly invalid: InvalidMessages,
  ) {}

  /** A request that fails validation is answered with `{ error }`; an alarm of another device is refused. */
  owned(subject: string, data: unknown): AlarmAckReply | ErrorReply {
    const parsed = this.parse(AlarmAckSchema, `${subjects.alarmAck}.*`, subject, data);
    if ('error' in parsed) return parsed;
    const deviceId = deviceIdFromSubject(subject);
    const alarm = this.alarms.get(parsed.data.alarmId);
    if (alarm && alarm.deviceId !== deviceId) {
      return { accepted: false, reason: `alarm ${alarm.id} belongs to ${alarm.deviceId}, not ${deviceId ?? 'this subject'}` };
    }
    return this.alarms.acknowledge(parsed.data);
  }

  /**
   * An operator action on the subject's device. A request that fails validation is answered with
   * `{ error }`; an out-of-service request naming another device, or alarms of another device,
   * are refused.
   */
  ownedAction(subject: string, data: unknown): AlarmActionReply | ErrorReply {
    const parsed = this.parse(AlarmActionSchema, `${subjects.alarmAction}.*`, subject, data);
    if ('error' in parsed) return parsed;
    const deviceId = deviceIdFromSubject(subject);
    if (deviceId === undefined) return { error: `no device id in subject ${subject.slice(0, 200)}` };
    const action = parsed.data;
    if ((action.action === 'out-of-service' || action.action === 'in-service') && action.deviceId !== deviceId) {
      return { accepted: false, reason: `request for ${action.deviceId} sent on ${deviceId}'s subject`, alarms: [], refused: [] };
    }
    return this.alarms.act(action, deviceId);
  }

  private parse<T>(schema: z.ZodType<T>, pattern: string, subject: string, data: unknown): { data: T } | ErrorReply {
    const parsed = schema.safeParse(data);
    if (parsed.success) return { data: parsed.data };
    const error = formatZodIssues(parsed.error);
    this.invalid.record(pattern, 'schema', subject, error);
    return { error: error.slice(0, 1000) };
  }
}
