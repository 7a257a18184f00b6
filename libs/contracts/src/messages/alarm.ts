import { z } from 'zod';
import { DeviceIdSchema, RequestIdSchema, TimestampSchema, UserSchema } from '../device-id';

export const AlarmSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlarmSeverity = z.infer<typeof AlarmSeveritySchema>;

/**
 * What an alarm is about: a system condition (`offline`, `fault`, `link-down`, `slow`) or a process
 * limit on a reading (`hihi`, `hi`, `lo`, `lolo`, with `reading` set). One alarm per (device, code,
 * reading) at a time.
 */
export const AlarmCodeSchema = z.enum(['offline', 'fault', 'link-down', 'slow', 'hihi', 'hi', 'lo', 'lolo']);
export type AlarmCode = z.infer<typeof AlarmCodeSchema>;

/** The limit codes, most severe first on each side. */
export const LIMIT_CODES = ['hihi', 'hi', 'lo', 'lolo'] as const;

/** Longest an operator may shelve an alarm for (ISA-18.2: shelving is always bounded): one 12 h shift. */
export const MAX_SHELVE_MS = 12 * 3600_000;

const CommentSchema = z.string().trim().max(500);
const ReasonSchema = z.string().trim().min(1, 'a reason is required').max(500);

/** An operator took an alarm off the annunciator: until `until`, or (`until: null`) until it clears. */
export const ShelveSchema = z.object({ by: UserSchema, at: TimestampSchema, reason: z.string().max(500), until: TimestampSchema.nullable() });
export type Shelve = z.infer<typeof ShelveSchema>;

/** An alarm raised by the controller, cleared automatically, acknowledged by an operator. */
export const AlarmSchema = z.object({
  id: z.string().min(1).max(64),
  deviceId: DeviceIdSchema,
  code: AlarmCodeSchema,
  /** The reading a limit alarm is about. */
  reading: z.string().max(64).optional(),
  severity: AlarmSeveritySchema,
  message: z.string().max(500),
  raisedAt: TimestampSchema,
  /** `null` while the condition holds. */
  clearedAt: TimestampSchema.nullable(),
  /** Who acknowledged it, when and why; `null` until then. */
  acknowledged: z.object({ by: UserSchema, at: TimestampSchema, comment: z.string().max(500).optional() }).nullable(),
  /** Set while shelved. */
  shelved: ShelveSchema.nullable().default(null),
  /** When it was raised (again, from returned-to-normal) within the last minute. */
  recentRaises: z.array(TimestampSchema).max(10).default([]),
  /** Raised 3 or more times within a minute. */
  chattering: z.boolean().default(false),
});
export type Alarm = z.infer<typeof AlarmSchema>;

/** ISA-18.2 alarm states (shelving and out of service are separate: see `shelved`, `OutOfService`). */
export const AlarmStateSchema = z.enum(['active-unacked', 'active-acked', 'rtn-unacked', 'normal']);
export type AlarmState = z.infer<typeof AlarmStateSchema>;

/** The ISA-18.2 state of an alarm. */
export function alarmStateOf(alarm: Pick<Alarm, 'clearedAt' | 'acknowledged'>): AlarmState {
  if (alarm.clearedAt === null) return alarm.acknowledged === null ? 'active-unacked' : 'active-acked';
  return alarm.acknowledged === null ? 'rtn-unacked' : 'normal';
}

/** Whether an alarm asks an operator for action now: unacknowledged, and not shelved. */
export function needsAction(alarm: Pick<Alarm, 'acknowledged' | 'shelved'>): boolean {
  return alarm.acknowledged === null && alarm.shelved === null;
}

/** Which alarm of a device this is: its code, and its reading for a limit alarm. */
export function alarmKey(alarm: Pick<Alarm, 'code' | 'reading'>): string {
  return alarm.reading === undefined ? alarm.code : `${alarm.code}:${alarm.reading}`;
}

/** A device taken out of service (maintenance): it raises no alarm until it is back in service. */
export const OutOfServiceSchema = z.object({ deviceId: DeviceIdSchema, by: UserSchema, at: TimestampSchema, reason: z.string().max(500) });
export type OutOfService = z.infer<typeof OutOfServiceSchema>;

/** `fleet.v1.control.alarm.ack` request. */
export const AlarmAckSchema = z.object({
  alarmId: z.string().min(1).max(64),
  requestId: RequestIdSchema,
  /** Operator who acknowledged it (set by the gateway from the token). */
  user: UserSchema.optional(),
  comment: CommentSchema.optional(),
});
export type AlarmAck = z.infer<typeof AlarmAckSchema>;

/** Reply to `fleet.v1.control.alarm.ack`. */
export const AlarmAckReplySchema = z.object({
  accepted: z.boolean(),
  reason: z.string().max(500).optional(),
  alarm: AlarmSchema.optional(),
});
export type AlarmAckReply = z.infer<typeof AlarmAckReplySchema>;

/** Most alarms one acknowledgement may name. */
export const MAX_ACK_ALARMS = 500;

const AlarmIdSchema = z.string().min(1).max(64);

/** Acknowledge one or several alarms, with an optional comment. */
export const AlarmActionAckSchema = z.object({
  action: z.literal('ack'),
  alarmIds: z.array(AlarmIdSchema).min(1).max(MAX_ACK_ALARMS),
  comment: CommentSchema.optional(),
});
/** Shelve an alarm for `durationMs` (at most `MAX_SHELVE_MS`), or without it until the alarm clears (one-shot). */
export const AlarmActionShelveSchema = z.object({
  action: z.literal('shelve'),
  alarmId: AlarmIdSchema,
  reason: ReasonSchema,
  durationMs: z.number().int().min(1000).max(MAX_SHELVE_MS).optional(),
});
export const AlarmActionUnshelveSchema = z.object({ action: z.literal('unshelve'), alarmId: AlarmIdSchema, reason: CommentSchema.optional() });
/** Take a device out of service (it raises nothing, its alarms leave the list) or put it back. */
export const AlarmActionOutOfServiceSchema = z.object({ action: z.literal('out-of-service'), deviceId: DeviceIdSchema, reason: ReasonSchema });
export const AlarmActionInServiceSchema = z.object({ action: z.literal('in-service'), deviceId: DeviceIdSchema, reason: CommentSchema.optional() });

/** What an operator asks of the alarm system (without the envelope). */
export const AlarmActionBodySchema = z.discriminatedUnion('action', [
  AlarmActionAckSchema,
  AlarmActionShelveSchema,
  AlarmActionUnshelveSchema,
  AlarmActionOutOfServiceSchema,
  AlarmActionInServiceSchema,
]);
export type AlarmActionBody = z.infer<typeof AlarmActionBodySchema>;

const envelope = { requestId: RequestIdSchema, user: UserSchema.optional() };

/** `fleet.v1.control.alarm.action` request: an operator action, with who asks (set by the gateway). */
export const AlarmActionSchema = z.discriminatedUnion('action', [
  AlarmActionAckSchema.extend(envelope),
  AlarmActionShelveSchema.extend(envelope),
  AlarmActionUnshelveSchema.extend(envelope),
  AlarmActionOutOfServiceSchema.extend(envelope),
  AlarmActionInServiceSchema.extend(envelope),
]);
export type AlarmAction = z.infer<typeof AlarmActionSchema>;

/** One alarm an action could not be applied to, and why. */
export const AlarmRefusalSchema = z.object({ alarmId: z.string().max(64), reason: z.string().max(500) });
export type AlarmRefusal = z.infer<typeof AlarmRefusalSchema>;

/**
 * Reply to `fleet.v1.control.alarm.action`: `accepted` when every part was applied; `alarms` are
 * the changed alarms, `refused` the parts that were not, each with a reason an operator can read.
 */
export const AlarmActionReplySchema = z.object({
  accepted: z.boolean(),
  reason: z.string().max(500).optional(),
  alarms: z.array(AlarmSchema).default([]),
  refused: z.array(AlarmRefusalSchema).default([]),
  outOfService: OutOfServiceSchema.nullable().optional(),
});
export type AlarmActionReply = z.infer<typeof AlarmActionReplySchema>;
