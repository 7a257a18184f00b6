import { z } from 'zod';
import { DeviceIdSchema, RequestIdSchema, TimestampSchema, UserSchema } from '../device-id';

export const AlarmSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type AlarmSeverity = z.infer<typeof AlarmSeveritySchema>;

/** What an alarm is about; one active alarm per (device, code) at a time. */
export const AlarmCodeSchema = z.enum(['offline', 'fault', 'link-down', 'slow']);
export type AlarmCode = z.infer<typeof AlarmCodeSchema>;

/** An alarm raised by the controller, cleared automatically, acknowledged by an operator. */
export const AlarmSchema = z.object({
  id: z.string().min(1).max(64),
  deviceId: DeviceIdSchema,
  code: AlarmCodeSchema,
  severity: AlarmSeveritySchema,
  message: z.string().max(500),
  raisedAt: TimestampSchema,
  /** `null` while the condition holds. */
  clearedAt: TimestampSchema.nullable(),
  /** Who acknowledged it and when; `null` until then. */
  acknowledged: z.object({ by: UserSchema, at: TimestampSchema }).nullable(),
});
export type Alarm = z.infer<typeof AlarmSchema>;

/** `fleet.v1.control.alarm.ack` request. */
export const AlarmAckSchema = z.object({
  alarmId: z.string().min(1).max(64),
  requestId: RequestIdSchema,
  /** Operator who acknowledged it (set by the gateway from the token). */
  user: UserSchema.optional(),
});
export type AlarmAck = z.infer<typeof AlarmAckSchema>;

/** Reply to `fleet.v1.control.alarm.ack`. */
export const AlarmAckReplySchema = z.object({
  accepted: z.boolean(),
  reason: z.string().max(500).optional(),
  alarm: AlarmSchema.optional(),
});
export type AlarmAckReply = z.infer<typeof AlarmAckReplySchema>;
