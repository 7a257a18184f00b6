export { DEVICE_ID_PATTERN, DeviceIdSchema, RequestIdSchema, TimestampSchema, UserSchema } from './device-id';
export type { DeviceId } from './device-id';
export {
  CLAIMS_BUCKET,
  EVENTS_STREAM,
  PARTITIONS_BUCKET,
  STATE_BUCKET,
  SUBJECT_PREFIX,
  deviceIdFromSubject,
  subjects,
} from './subjects';
export { DEFAULT_PARTITIONS, MAX_PARTITIONS, partitionOf } from './partitions/partition-of';
export { partitionMappings, partitionMappingsConfig } from './partitions/partition-mapping';
export { UNMAPPED_LAYOUT, partitionInbox } from './partitions/partition-layout';
export type { PartitionInbox, PartitionLayout } from './partitions/partition-layout';
export { CommonState, MachineEvent } from './kinds/device-kind';
export type {
  CommandArgSpec,
  CommandSpec,
  DeviceKindSpec,
  DeviceMachineEvent,
  ReadingLimits,
  ReadingSpec,
  TimedStepSpec,
} from './kinds/device-kind';
export { CAMERA_HARDWARE_STATES, DEFAULT_CAMERA_STEP_MS, cameraKind, cameraMachine } from './kinds/camera';
export { STAGE_HARDWARE_STATES, STAGE_MAX_MM, STAGE_MIN_MM, stageKind, stageMachine } from './kinds/stage';
export { DEVICE_KIND_NAMES, deviceKinds, getDeviceKind, isDeviceKindName } from './kinds/registry';
export { DeviceKindNameSchema } from './kinds/kind-name-schema';
export type { DeviceKindName } from './kinds/registry';
export {
  allowedCommands,
  isStateOf,
  nextState,
  refusalReason,
  statesOf,
  timedStepOf,
} from './machines/device-machine';
export { AgentCountersSchema, DeviceStatusSchema, LinkSchema } from './messages/device-status';
export type { AgentCounters, DeviceStatus, Link } from './messages/device-status';
export { PresenceBirthSchema, PresenceGoodbyeSchema, PresenceSchema } from './messages/presence';
export type { Presence, PresenceBirth, PresenceGoodbye } from './messages/presence';
export { DeviceCommandOutcomeSchema, DeviceCommandQuerySchema, DeviceCommandReplySchema, DeviceCommandSchema } from './messages/device-command';
export type { DeviceCommand, DeviceCommandInput, DeviceCommandOutcome, DeviceCommandQuery, DeviceCommandReply } from './messages/device-command';
export {
  CommandArgsSchema,
  CommandOutcomeSchema,
  ControlCommandReplySchema,
  ControlCommandSchema,
  ErrorReplySchema,
  commandOutcomeOf,
} from './messages/control-command';
export type { CommandArgs, CommandOutcome, ControlCommand, ControlCommandReply, ErrorReply } from './messages/control-command';
export { ActiveStepSchema, ControlSnapshotSchema, DeviceStateSchema } from './messages/device-state';
export type { ActiveStep, ControlSnapshot, DeviceState } from './messages/device-state';
export { AlarmEventSchema, CommandEventSchema, FleetEventSchema, ServiceEventSchema, TransitionEventSchema } from './messages/fleet-event';
export type { AlarmEvent, CommandEvent, FleetEvent, ServiceEvent, TransitionEvent } from './messages/fleet-event';
export {
  AlarmAckReplySchema,
  AlarmAckSchema,
  AlarmActionBodySchema,
  AlarmActionReplySchema,
  AlarmActionSchema,
  AlarmCodeSchema,
  AlarmRefusalSchema,
  AlarmSchema,
  AlarmSeveritySchema,
  AlarmStateSchema,
  LIMIT_CODES,
  MAX_ACK_ALARMS,
  MAX_SHELVE_MS,
  OutOfServiceSchema,
  ShelveSchema,
  alarmKey,
  alarmStateOf,
  needsAction,
} from './messages/alarm';
export type {
  Alarm,
  AlarmAck,
  AlarmAckReply,
  AlarmAction,
  AlarmActionBody,
  AlarmActionReply,
  AlarmCode,
  AlarmRefusal,
  AlarmSeverity,
  AlarmState,
  OutOfService,
  Shelve,
} from './messages/alarm';
export { EventsQuerySchema, EventsReplySchema, MAX_EVENTS_QUERY } from './messages/events-query';
export type { EventsQuery, EventsQueryInput, EventsReply } from './messages/events-query';
export {
  DEFAULT_GATEWAY_PORT,
  DeviceBatchSchema,
  FleetSnapshotSchema,
  RoleSchema,
  SessionSchema,
  SocketAlarmAckSchema,
  SocketAlarmActionSchema,
  SocketAuthSchema,
  SocketCommandSchema,
  SocketError,
  SocketEventsQuerySchema,
} from './socket-events';
export type {
  AckResult,
  ClientToServerEvents,
  DeviceBatch,
  FleetSnapshot,
  Role,
  ServerToClientEvents,
  Session,
  SocketAlarmAck,
  SocketAlarmAction,
  SocketAuth,
  SocketCommand,
  SocketEventsQuery,
} from './socket-events';
export { SENSOR_HARDWARE_STATES, sensorKind, sensorMachine } from './kinds/sensor';
export { HARDWARE_TOKEN_PATTERN, MAX_COMMAND_ARGS, isDeviceCommandQuery, parseDeviceCommand, parseDeviceCommandQuery } from './messages/device-command-guard';
export type { DeviceCommandParse, DeviceCommandQueryParse } from './messages/device-command-guard';
export {
  MAX_SIM_LATENCY_MS,
  SimDeviceStatsSchema,
  SimFaultReplySchema,
  SimFaultRequestSchema,
  SimFaultStateSchema,
} from './messages/sim-fault';
export type { SimDeviceStats, SimFaultName, SimFaultReply, SimFaultRequest, SimFaultState } from './messages/sim-fault';
