import { z } from 'zod';
import { DeviceIdSchema, RequestIdSchema } from './device-id';
import { CommandArgsSchema, type ControlCommandReply } from './messages/control-command';
import { DeviceStateSchema } from './messages/device-state';
import { DeviceStatusSchema } from './messages/device-status';
import type { FleetEvent } from './messages/fleet-event';

/** Default port of the gateway (Socket.IO and the built UI). */
export const DEFAULT_GATEWAY_PORT = 8080;

/**
 * `devices` (server -> client): the latest status and state of each device that changed since
 * the previous batch. `snapshot` has the same shape and holds every known device.
 */
export const DeviceBatchSchema = z.object({
  statuses: z.array(DeviceStatusSchema),
  states: z.array(DeviceStateSchema),
});
export type DeviceBatch = z.infer<typeof DeviceBatchSchema>;
export const FleetSnapshotSchema = DeviceBatchSchema;
export type FleetSnapshot = DeviceBatch;

/** `command` (client -> server) payload; the gateway adds the user and a requestId if missing. */
export const SocketCommandSchema = z.object({
  deviceId: DeviceIdSchema,
  command: z.string().min(1).max(64),
  args: CommandArgsSchema.optional(),
  requestId: RequestIdSchema.optional(),
});
export type SocketCommand = z.infer<typeof SocketCommandSchema>;

/** Every ack carries either data or a readable error. */
export type AckResult<T> = { data: T } | { error: string };

/** Socket.IO server -> client events. */
export interface ServerToClientEvents {
  snapshot: (snapshot: FleetSnapshot) => void;
  devices: (batch: DeviceBatch) => void;
  event: (event: FleetEvent) => void;
}

/** Socket.IO client -> server events; every one answers through its ack. */
export interface ClientToServerEvents {
  command: (command: SocketCommand, ack: (result: AckResult<ControlCommandReply>) => void) => void;
  snapshot: (ack: (result: AckResult<FleetSnapshot>) => void) => void;
}
