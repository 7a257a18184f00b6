/** Events kept in FLEET_EVENTS: a day's history, bounded in size, oldest dropped first. */
export const EVENTS_MAX_AGE_MS = 24 * 60 * 60 * 1000;
export const EVENTS_MAX_BYTES = 256 * 1024 * 1024;
/** Subjects captured by FLEET_EVENTS. */
export const EVENTS_SUBJECTS = ['fleet.v1.event.>'];
