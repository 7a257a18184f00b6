import {
  AlarmAckSchema,
  AlarmActionSchema,
  ControlCommandSchema,
  DeviceCommandSchema,
  DeviceStateSchema,
  DeviceStatusSchema,
  EventsQuerySchema,
  FleetEventSchema,
  PresenceSchema,
  SimFaultRequestSchema,
  subjects,
} from '@fleet/contracts';
import type { HostileShape } from './hostile-payloads';

/** Who counts a subject's invalid messages, and under which label. */
export interface Counters {
  /** `subject` label of `fleet_controller_invalid_messages_total`. */
  controller?: string;
  /** `source` label of `fleet_gateway_invalid_inputs_total`. */
  gateway?: string;
  /** Counted in the log of this fleet service (agents and the simulator have no /metrics). */
  logOf?: { service: string; msg: string; field: string };
}

/** One subscribed subject of the fleet, and how to attack it. */
export interface HostileTarget {
  /** Subjects to publish on (all reach the same subscription). */
  subjects: readonly string[];
  shape: HostileShape;
  /** Sent as requests (with a reply subject), as a real caller of a request/reply subject would. */
  request: boolean;
  counted: Counters;
}

const schemaAccepts = (schema: { safeParse(v: unknown): { success: boolean } }) => (value: unknown) => schema.safeParse(value).success;

/** Hardware words the camera agent would actually send to its device. */
const CAMERA_WORDS = new Set(['start_exposure', 'stop_exposure', 'get_state', 'get_exposing_time']);

/**
 * Every subject a fleet process subscribes to, with a well-formed message of it to break. The
 * device is `deviceId` (a real camera), so malformed traffic shares subjects with real traffic.
 */
export function hostileTargets(deviceId: string): HostileTarget[] {
  const now = Date.now();
  return [
    {
      // `*` as a literal subject token reaches the wildcard subscribers too.
      subjects: [subjects.deviceStatus(deviceId), subjects.deviceStatus('*')],
      shape: {
        base: {
          deviceId, kind: 'camera', seq: 1, ts: now, link: 'up', hwState: 'idle',
          readings: { exposingTime: null }, counters: { polls: 0, timeouts: 0, reconnects: 0, skippedPolls: 0 },
        },
        isValid: schemaAccepts(DeviceStatusSchema),
      },
      request: false,
      counted: { controller: subjects.allDeviceStatus, gateway: 'status' },
    },
    {
      subjects: [subjects.devicePresence(deviceId)],
      shape: {
        base: { type: 'birth', deviceId, kind: 'camera', statusHz: 10, version: 'hostile', pid: 1, host: 'h', ts: now },
        isValid: schemaAccepts(PresenceSchema),
      },
      request: false,
      counted: { controller: subjects.allDevicePresence },
    },
    {
      subjects: [subjects.controlState(deviceId)],
      shape: {
        base: {
          deviceId, kind: 'camera', state: 'Fault', since: now, reason: 'hostile', hwState: 'idle', link: 'up',
          statusHz: 10, step: null, lastSeen: now,
        },
        isValid: schemaAccepts(DeviceStateSchema),
      },
      request: false,
      counted: { gateway: 'state' },
    },
    {
      subjects: [subjects.event(deviceId)],
      shape: {
        base: { id: 'e-1', ts: now, deviceId, type: 'transition', from: 'Idle', to: 'Fault', reason: 'hostile' },
        isValid: schemaAccepts(FleetEventSchema),
      },
      request: false,
      counted: { gateway: 'event' },
    },
    {
      subjects: [subjects.controlCommand],
      shape: { base: { deviceId, command: 'start', requestId: 'hostile-1' }, isValid: schemaAccepts(ControlCommandSchema) },
      request: true,
      counted: { controller: subjects.controlCommand },
    },
    {
      // The per-device subject the broker routes to the owning replica.
      subjects: [subjects.controlCommandFor(deviceId)],
      shape: {
        base: { deviceId, command: 'start', requestId: 'hostile-2' },
        // Another device's command on this device's subject is refused and counted as a mismatch.
        isValid: (value) => {
          const parsed = ControlCommandSchema.safeParse(value);
          return parsed.success && parsed.data.deviceId === deviceId;
        },
      },
      request: true,
      counted: { controller: `${subjects.controlCommand}.*` },
    },
    {
      subjects: [subjects.alarmAck],
      shape: { base: { alarmId: 'a-1', requestId: 'hostile-ack-1' }, isValid: schemaAccepts(AlarmAckSchema) },
      request: true,
      counted: { controller: subjects.alarmAck },
    },
    {
      subjects: [subjects.alarmAckFor(deviceId)],
      shape: { base: { alarmId: 'a-2', requestId: 'hostile-ack-2' }, isValid: schemaAccepts(AlarmAckSchema) },
      request: true,
      counted: { controller: `${subjects.alarmAck}.*` },
    },
    {
      // Out of service names a device, so the damaged device ids reach the action's own field.
      subjects: [subjects.alarmAction],
      shape: {
        base: { action: 'out-of-service', deviceId, reason: 'hostile maintenance', requestId: 'hostile-action-1' },
        isValid: schemaAccepts(AlarmActionSchema),
      },
      request: true,
      counted: { controller: subjects.alarmAction },
    },
    {
      // A valid action naming another device is refused, not counted: the schema alone decides.
      subjects: [subjects.alarmActionFor(deviceId)],
      shape: {
        base: { action: 'ack', alarmIds: ['a-3'], comment: 'hostile', requestId: 'hostile-action-2' },
        isValid: schemaAccepts(AlarmActionSchema),
      },
      request: true,
      counted: { controller: `${subjects.alarmAction}.*` },
    },
    {
      subjects: [subjects.controlEvents],
      // An empty or null body asks for the defaults, by design.
      shape: {
        base: { deviceId, limit: 10 },
        isValid: (value) => EventsQuerySchema.safeParse(value ?? {}).success,
        emptyIsValid: true,
      },
      request: true,
      counted: { controller: subjects.controlEvents },
    },
    {
      // The body is ignored by design: nothing to count, but it must not hurt.
      subjects: [subjects.controlSnapshot],
      shape: { base: { deviceId }, isValid: () => false },
      request: true,
      counted: {},
    },
    {
      subjects: [subjects.deviceCommand(deviceId)],
      shape: {
        base: { requestId: 'hostile-cmd-1', command: 'toaster', args: [] },
        isValid: (value) => {
          const parsed = DeviceCommandSchema.safeParse(value);
          return parsed.success && CAMERA_WORDS.has(parsed.data.command);
        },
      },
      request: true,
      counted: { logOf: { service: `agent ${deviceId}`, msg: 'bad command request', field: 'badCommands' } },
    },
    {
      subjects: [subjects.simFault(deviceId)],
      shape: { base: { fault: 'toaster' }, isValid: schemaAccepts(SimFaultRequestSchema) },
      request: true,
      counted: { logOf: { service: 'sim', msg: 'bad fault request', field: 'count' } },
    },
  ];
}
