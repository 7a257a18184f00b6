import { z } from 'zod';
import { DEVICE_ID_PATTERN } from './device-id-pattern';

export { DEVICE_ID_PATTERN };

/** A device id: `[A-Za-z0-9_-]{1,64}`. */
export const DeviceIdSchema = z.string().regex(DEVICE_ID_PATTERN, 'deviceId must match [A-Za-z0-9_-]{1,64}');
export type DeviceId = z.infer<typeof DeviceIdSchema>;

/** Request ids make retries idempotent; any printable token up to 128 characters. */
export const RequestIdSchema = z.string().min(1).max(128);

/** User name carried with commands so the event log says who did what. */
export const UserSchema = z.string().min(1).max(64);

/** Epoch milliseconds. */
export const TimestampSchema = z.number().int().nonnegative();
