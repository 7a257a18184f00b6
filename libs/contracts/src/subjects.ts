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
  /** Any client -> the controllers; any replica takes it and passes it on to `controlCommandFor(deviceId)`. */
  controlCommand: `${SUBJECT_PREFIX}.control.command`,
  /** Per-device command request, served by the replica owning the device's partition (mapped by the broker). */
  controlCommandFor: (deviceId: string) => `${SUBJECT_PREFIX}.control.command.${deviceId}`,
  controlSnapshot: `${SUBJECT_PREFIX}.control.snapshot`,
  alarmAck: `${SUBJECT_PREFIX}.control.alarm.ack`,
  /** Per-device acknowledgement, served by the replica owning the device's partition. */
  alarmAckFor: (deviceId: string) => `${SUBJECT_PREFIX}.control.alarm.ack.${deviceId}`,
  /** Operator alarm actions (ack several, shelve, unshelve, out of service, in service); any replica passes them on. */
  alarmAction: `${SUBJECT_PREFIX}.control.alarm.action`,
  /** Per-device alarm action, served by the replica owning the device's partition. */
  alarmActionFor: (deviceId: string) => `${SUBJECT_PREFIX}.control.alarm.action.${deviceId}`,
  /** Controllers publish here at start-up to learn whether, and how, the broker partitions subjects. */
  partitionProbe: (token: string) => `${SUBJECT_PREFIX}.control.partition.probe.${token}`,
  /** Request/reply to the simulator: inject or clear faults (`SimFaultRequest`); `simFault('*')` subscribes to all. */
  simFault: (deviceId: string) => `${SUBJECT_PREFIX}.sim.${deviceId}.fault`,
  /** Request/reply: recent events from stream FLEET_EVENTS. */
  controlEvents: `${SUBJECT_PREFIX}.control.events`,
  /** Wildcards for subscribers. */
  allDeviceStatus: `${SUBJECT_PREFIX}.device.*.status`,
  allDevicePresence: `${SUBJECT_PREFIX}.device.*.presence`,
  /** Status as a partitioning broker delivers it (`.<partition>` appended). */
  allDeviceStatusPartitioned: `${SUBJECT_PREFIX}.device.*.status.*`,
  allControlState: `${SUBJECT_PREFIX}.control.state.*`,
  allEvents: `${SUBJECT_PREFIX}.event.*`,
} as const;

/** JetStream KV bucket holding the last DeviceState of every device, keyed by deviceId. */
export const STATE_BUCKET = 'fleet_state';

/** JetStream KV bucket of device claims by pooled agents: key = deviceId, value = the owner; the bucket's TTL is the lease. */
export const CLAIMS_BUCKET = 'fleet_claims';

/** JetStream KV bucket of controller partition leases (`p.<n>`) and replica heartbeats (`replica.<id>`); the bucket's TTL is the lease. */
export const PARTITIONS_BUCKET = 'fleet_partitions';

/** JetStream stream capturing `fleet.v1.event.>`. */
export const EVENTS_STREAM = 'FLEET_EVENTS';

/**
 * Returns the deviceId token of a `fleet.v1.device.<id>.*`, `fleet.v1.control.state.<id>`,
 * `fleet.v1.control.command.<id>`, `fleet.v1.control.alarm.ack.<id>`, `fleet.v1.control.alarm.action.<id>` or `fleet.v1.event.<id>`
 * subject, also with the partition token a partitioning broker appends, or `undefined` when the
 * subject is not one of those or the token is not a valid device id.
 */
export function deviceIdFromSubject(subject: string): string | undefined {
  const t = subject.split('.');
  if (t[0] !== 'fleet' || t[1] !== 'v1') return undefined;
  const id = deviceToken(t);
  return id !== undefined && DEVICE_ID_PATTERN.test(id) ? id : undefined;
}

const PARTITION_TOKEN = /^\d{1,4}$/;

/** Whether `tokens` ends at `length`, or at `length + 1` with a partition token. */
function endsAt(tokens: readonly string[], length: number): boolean {
  return tokens.length === length || (tokens.length === length + 1 && PARTITION_TOKEN.test(tokens[length] ?? ''));
}

/** The device token of a v1 subject's tokens, by the subject's family. */
function deviceToken(t: readonly string[]): string | undefined {
  if (t[2] === 'device') {
    if (t.length === 5) return t[3];
    return (t[4] === 'status' || t[4] === 'presence') && endsAt(t, 5) ? t[3] : undefined;
  }
  if (t[2] === 'event') return t.length === 4 ? t[3] : undefined;
  if (t[2] !== 'control') return undefined;
  if (t[3] === 'state') return t.length === 5 ? t[4] : undefined;
  if (t[3] === 'command') return endsAt(t, 5) ? t[4] : undefined;
  if (t[3] === 'alarm' && (t[4] === 'ack' || t[4] === 'action')) return endsAt(t, 6) ? t[5] : undefined;
  return undefined;
}
