import { z } from 'zod';
import { DeviceIdSchema, RequestIdSchema, UserSchema } from './device-id';
import { AlarmActionBodySchema, AlarmSchema, OutOfServiceSchema, type AlarmAckReply, type AlarmActionReply } from './messages/alarm';
import { CommandArgsSchema, type ControlCommandReply } from './messages/control-command';
import { DeviceStateSchema } from './messages/device-state';
import { DeviceStatusSchema } from './messages/device-status';
import { EventsQuerySchema } from './messages/events-query';
import type { FleetEvent } from './messages/fleet-event';

/** Default port of the gateway (Socket.IO and the built UI). */
export const DEFAULT_GATEWAY_PORT = 8080;

/** Ack errors with a fixed meaning. */
export const SocketError = {
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  rateLimited: 'rate limited',
} as const;

/** Roles: a viewer may watch, an operator may also command and acknowledge alarms. */
export const RoleSchema = z.enum(['viewer', 'operator']);
export type Role = z.infer<typeof RoleSchema>;

/** `auth` of the Socket.IO handshake. A missing or unknown token fails with connect_error "unauthorized". */
export const SocketAuthSchema = z.object({ token: z.string().min(1).max(512) });
export type SocketAuth = z.infer<typeof SocketAuthSchema>;

/** `session` (server -> client, on connect): who the token belongs to. */
export const SessionSchema = z.object({ user: UserSchema, role: RoleSchema });
export type Session = z.infer<typeof SessionSchema>;

/**
 * `devices` (server -> client): the latest status and state of each device that changed since
 * the previous batch.
 */
export const DeviceBatchSchema = z.object({
  statuses: z.array(DeviceStatusSchema),
  states: z.array(DeviceStateSchema),
});
export type DeviceBatch = z.infer<typeof DeviceBatchSchema>;

/** `snapshot` (server -> client): every known device, and the active or unacknowledged alarms. */
export const FleetSnapshotSchema = DeviceBatchSchema.extend({ alarms: z.array(AlarmSchema), outOfService: z.array(OutOfServiceSchema).default([]) });
export type FleetSnapshot = z.infer<typeof FleetSnapshotSchema>;

/** `command` (client -> server) payload; the gateway adds the user and a requestId if missing. */
export const SocketCommandSchema = z.object({
  deviceId: DeviceIdSchema,
  command: z.string().min(1).max(64),
  args: CommandArgsSchema.optional(),
  requestId: RequestIdSchema.optional(),
});
export type SocketCommand = z.infer<typeof SocketCommandSchema>;

/** `alarm:ack` (client -> server) payload. */
export const SocketAlarmAckSchema = z.object({
  alarmId: z.string().min(1).max(64),
  requestId: RequestIdSchema.optional(),
  comment: z.string().trim().max(500).optional(),
});
export type SocketAlarmAck = z.infer<typeof SocketAlarmAckSchema>;

/**
 * `alarm:action` (client -> server) payload: acknowledge several alarms with a comment, shelve,
 * unshelve, out of service, in service (operators only); the gateway adds the user.
 */
export const SocketAlarmActionSchema = z.intersection(AlarmActionBodySchema, z.object({ requestId: RequestIdSchema.optional() }));
export type SocketAlarmAction = z.input<typeof SocketAlarmActionSchema>;

/** `events` (client -> server) payload: recent history, of one device or of all. */
export const SocketEventsQuerySchema = EventsQuerySchema;
export type SocketEventsQuery = z.input<typeof SocketEventsQuerySchema>;

/** Every ack carries either data or a readable error. */
export type AckResult<T> = { data: T } | { error: string };

/** Socket.IO server -> client events. */
export interface ServerToClientEvents {
  session: (session: Session) => void;
  snapshot: (snapshot: FleetSnapshot) => void;
  devices: (batch: DeviceBatch) => void;
  event: (event: FleetEvent) => void;
}

/** Socket.IO client -> server events; every one answers through its ack. */
export interface ClientToServerEvents {
  command: (command: SocketCommand, ack: (result: AckResult<ControlCommandReply>) => void) => void;
  snapshot: (ack: (result: AckResult<FleetSnapshot>) => void) => void;
  'alarm:ack': (ack: SocketAlarmAck, reply: (result: AckResult<AlarmAckReply>) => void) => void;
  'alarm:action': (action: SocketAlarmAction, reply: (result: AckResult<AlarmActionReply>) => void) => void;
  events: (query: SocketEventsQuery, reply: (result: AckResult<FleetEvent[]>) => void) => void;
}

