/**
 * `@fleet/contracts/wire`: what a device agent needs (subjects, kind descriptors, a zod-free
 * command parser and the message types), without zod. An agent runs by the hundred under a
 * memory budget; zod costs each one about 5 MB. Everything here is also exported from the main
 * entry point.
 */
export { DEVICE_ID_PATTERN } from './device-id-pattern';
export { CLAIMS_BUCKET, EVENTS_STREAM, PARTITIONS_BUCKET, STATE_BUCKET, SUBJECT_PREFIX, deviceIdFromSubject, subjects } from './subjects';
export { DEFAULT_PARTITIONS, partitionOf } from './partitions/partition-of';
export { partitionMappings } from './partitions/partition-mapping';
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
export { CAMERA_HARDWARE_STATES, DEFAULT_CAMERA_STEP_MS, cameraKind } from './kinds/camera';
export { STAGE_HARDWARE_STATES, STAGE_MAX_MM, STAGE_MIN_MM, stageKind } from './kinds/stage';
export { SENSOR_HARDWARE_STATES, sensorKind } from './kinds/sensor';
export { DEVICE_KIND_NAMES, deviceKinds, getDeviceKind, isDeviceKindName } from './kinds/registry';
export type { DeviceKindName } from './kinds/registry';
export { HARDWARE_TOKEN_PATTERN, MAX_COMMAND_ARGS, isDeviceCommandQuery, parseDeviceCommand, parseDeviceCommandQuery } from './messages/device-command-guard';
export type { DeviceCommandParse, DeviceCommandQueryParse } from './messages/device-command-guard';
export type { AgentCounters, DeviceStatus, Link } from './messages/device-status';
export type { Presence, PresenceBirth, PresenceGoodbye } from './messages/presence';
export type { DeviceCommand, DeviceCommandOutcome, DeviceCommandQuery, DeviceCommandReply } from './messages/device-command';
export type { SimFaultReply, SimFaultRequest, SimFaultState } from './messages/sim-fault';
