import { DEVICE_ID_PATTERN } from './device-id-pattern';

/** Every subject of the public NATS API starts with this prefix. */
export const SUBJECT_PREFIX = 'fleet.v1';

/** Subject builders for the NATS API v1 (ARCHITECTURE.md, "Public NATS API"). */
export const subjects = {
  deviceStatus: (deviceId: string) => `${SUBJECT_PREFIX}.device.${deviceId}.status`,
  devicePresence: (deviceId: string) => `${SUBJECT_PREFIX}.device.${deviceId}.presence`,
  deviceCommand: (deviceId: string) => `${SUBJECT_PREFIX}.device.${deviceId}.cmd`,
  controlState: (deviceId: string) => `${SUBJECT_PREFIX}.control.state.${deviceId}`,
  event: (deviceId: string) => `${SUBJECT_PREFIX}.event.${deviceId}`,
  controlCommand: `${SUBJECT_PREFIX}.control.command`,
  controlSnapshot: `${SUBJECT_PREFIX}.control.snapshot`,
  alarmAck: `${SUBJECT_PREFIX}.control.alarm.ack`,
  /** Request/reply to the simulator: inject or clear faults (`SimFaultRequest`); `simFault('*')` subscribes to all. */
  simFault: (deviceId: string) => `${SUBJECT_PREFIX}.sim.${deviceId}.fault`,
  /** Request/reply: recent events from stream FLEET_EVENTS. */
  controlEvents: `${SUBJECT_PREFIX}.control.events`,
  /** Wildcards for subscribers. */
  allDeviceStatus: `${SUBJECT_PREFIX}.device.*.status`,
  allDevicePresence: `${SUBJECT_PREFIX}.device.*.presence`,
  allControlState: `${SUBJECT_PREFIX}.control.state.*`,
  allEvents: `${SUBJECT_PREFIX}.event.*`,
} as const;

/** JetStream KV bucket holding the last DeviceState of every device, keyed by deviceId. */
export const STATE_BUCKET = 'fleet_state';

/** JetStream KV bucket of device claims by pooled agents: key = deviceId, value = the owner; the bucket's TTL is the lease. */
export const CLAIMS_BUCKET = 'fleet_claims';

/** JetStream stream capturing `fleet.v1.event.>`. */
export const EVENTS_STREAM = 'FLEET_EVENTS';

/**
 * Returns the deviceId token of a `fleet.v1.device.<id>.*`, `fleet.v1.control.state.<id>` or
 * `fleet.v1.event.<id>` subject, or `undefined` when the subject is not one of those or the
 * token is not a valid device id.
 */
export function deviceIdFromSubject(subject: string): string | undefined {
  const tokens = subject.split('.');
  if (tokens[0] !== 'fleet' || tokens[1] !== 'v1') return undefined;
  let id: string | undefined;
  if (tokens[2] === 'device' && tokens.length === 5) id = tokens[3];
  else if (tokens[2] === 'control' && tokens[3] === 'state' && tokens.length === 5) id = tokens[4];
  else if (tokens[2] === 'event' && tokens.length === 4) id = tokens[3];
  return id !== undefined && DEVICE_ID_PATTERN.test(id) ? id : undefined;
}
