import { z } from 'zod';
import { DeviceIdSchema } from '../device-id';
import { FleetEventSchema } from './fleet-event';

/** Most events one history request returns. */
export const MAX_EVENTS_QUERY = 1000;

/** `fleet.v1.control.events` request: the last `limit` events, of one device or of all. */
export const EventsQuerySchema = z.object({
  deviceId: DeviceIdSchema.optional(),
  limit: z.number().int().min(1).max(MAX_EVENTS_QUERY).default(100),
});
export type EventsQuery = z.infer<typeof EventsQuerySchema>;
export type EventsQueryInput = z.input<typeof EventsQuerySchema>;

/** Reply: oldest first. */
export const EventsReplySchema = z.object({ events: z.array(FleetEventSchema) });
export type EventsReply = z.infer<typeof EventsReplySchema>;
