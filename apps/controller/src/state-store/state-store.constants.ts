/** Subjects captured by FLEET_EVENTS. */
export const EVENTS_SUBJECTS = ['fleet.v1.event.>'];
/** KV bucket of alarms that are active or not yet acknowledged, keyed by alarm id. */
export const ALARMS_BUCKET = 'fleet_alarms';
/** KV bucket of command records (pending or replied), keyed by a hash of the requestId; max age = command TTL. */
export const COMMANDS_BUCKET = 'fleet_commands';
/** Name of a KV bucket's backing stream. */
export const kvStreamName = (bucket: string): string => `KV_${bucket}`;
