import {
  DeviceStateSchema,
  DeviceStatusSchema,
  FleetEventSchema,
  deviceIdFromSubject,
  type DeviceState,
  type DeviceStatus,
  type FleetEvent,
} from '@fleet/contracts';
import type { z } from 'zod';
import { parseJsonBytes, parseWith, type Parsed } from '../common/validation';

/** Parses a message whose payload `deviceId` must equal the device id in its subject. */
function parseDeviceMessage<S extends z.ZodType<{ deviceId: string }>>(
  schema: S,
  subject: string,
  data: Uint8Array,
): Parsed<z.infer<S>> {
  const subjectId = deviceIdFromSubject(subject);
  if (subjectId === undefined) return { ok: false, error: `subject ${subject} carries no valid device id` };
  const json = parseJsonBytes(data);
  if (!json.ok) return json;
  const parsed = parseWith(schema, json.value);
  if (!parsed.ok) return parsed;
  if (parsed.value.deviceId !== subjectId) {
    return { ok: false, error: `payload deviceId ${parsed.value.deviceId} does not match subject ${subject}` };
  }
  return parsed;
}

/** `fleet.v1.device.<id>.status`, or `fleet.v1.device.<id>.status.<partition>` from a partitioning broker. */
export function parseStatusMessage(subject: string, data: Uint8Array): Parsed<DeviceStatus> {
  return parseDeviceMessage(DeviceStatusSchema, subject, data);
}

/** `fleet.v1.control.state.<id>` */
export function parseStateMessage(subject: string, data: Uint8Array): Parsed<DeviceState> {
  return parseDeviceMessage(DeviceStateSchema, subject, data);
}

/** `fleet.v1.event.<id>` */
export function parseEventMessage(subject: string, data: Uint8Array): Parsed<FleetEvent> {
  return parseDeviceMessage(FleetEventSchema, subject, data);
}
