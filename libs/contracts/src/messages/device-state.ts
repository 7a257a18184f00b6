import { z } from 'zod';
import { DeviceIdSchema, TimestampSchema } from '../device-id';
import { DeviceKindNameSchema } from '../kinds/kind-name-schema';
import { AlarmSchema, OutOfServiceSchema } from './alarm';
import { LinkSchema } from './device-status';

/** A timed step in progress; its deadline survives a controller restart through KV. */
export const ActiveStepSchema = z.object({
  name: z.string().max(64),
  startedAt: TimestampSchema,
  deadline: TimestampSchema,
});
export type ActiveStep = z.infer<typeof ActiveStepSchema>;

/**
 * The controller's view of one device: published on `fleet.v1.control.state.<id>` at every
 * transition and stored as the value of key `<id>` in KV bucket `fleet_state`.
 */
export const DeviceStateSchema = z.object({
  deviceId: DeviceIdSchema,
  kind: DeviceKindNameSchema,
  /** State of the kind's machine, e.g. `Idle`, `Exposing`, `Offline`. */
  state: z.string().max(64),
  /** When the device entered `state`. */
  since: TimestampSchema,
  /** Why it entered `state`. */
  reason: z.string().max(500),
  hwState: z.string().max(32).nullable(),
  link: LinkSchema.nullable(),
  linkReason: z.string().max(200).optional(),
  statusHz: z.number().positive().max(100),
  step: ActiveStepSchema.nullable(),
  /** ms since epoch of the last status received. */
  lastSeen: TimestampSchema.nullable(),
});
export type DeviceState = z.infer<typeof DeviceStateSchema>;

/** `fleet.v1.control.snapshot` reply: every known device, and the alarms that are active or unacknowledged. */
export const ControlSnapshotSchema = z.object({
  devices: z.array(DeviceStateSchema),
  alarms: z.array(AlarmSchema),
  /** Devices out of service (absent from controllers that predate it). */
  outOfService: z.array(OutOfServiceSchema).default([]),
});
export type ControlSnapshot = z.infer<typeof ControlSnapshotSchema>;
