/** Subjects captured by FLEET_EVENTS. */
export const EVENTS_SUBJECTS = ['fleet.v1.event.>'];
/**
 * KV bucket of the alarms still in the book (active, unacknowledged or shelved), keyed by alarm id,
 * and of the devices out of service, keyed `oos.<deviceId>`.
 */
export const ALARMS_BUCKET = 'fleet_alarms';
/** Key of a device's out-of-service record in `fleet_alarms`. */
export const outOfServiceKey = (deviceId: string): string => `oos.${deviceId}`;
/** KV bucket of command records (pending or replied), keyed by a hash of the requestId; max age = command TTL. */
export const COMMANDS_BUCKET = 'fleet_commands';
/** Name of a KV bucket's backing stream. */
export const kvStreamName = (bucket: string): string => `KV_${bucket}`;
