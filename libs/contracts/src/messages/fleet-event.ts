import { z } from 'zod';
import { DeviceIdSchema, RequestIdSchema, TimestampSchema, UserSchema } from '../device-id';
import { AlarmSchema } from './alarm';

import { CommandArgsSchema, CommandOutcomeSchema } from './control-command';

const base = {
  id: z.string().min(1).max(64),
  ts: TimestampSchema,
  deviceId: DeviceIdSchema,
};

/** A device changed state. */
export const TransitionEventSchema = z.object({
  ...base,
  type: z.literal('transition'),
  from: z.string().max(64),
  to: z.string().max(64),
  reason: z.string().max(500),
});

/** A command was accepted or refused, or its outcome is in doubt. */
export const CommandEventSchema = z.object({
  ...base,
  type: z.literal('command'),
  requestId: RequestIdSchema,
  command: z.string().max(64),
  args: CommandArgsSchema.optional(),
  accepted: z.boolean(),
  /** As in the command's reply; absent in events written by older controllers. */
  outcome: CommandOutcomeSchema.optional(),
  reason: z.string().max(500).optional(),
  user: UserSchema.optional(),
});

/**
 * An alarm was raised, cleared, acknowledged, shelved, unshelved, or removed (its device went out
 * of service); `alarm` is its state after the change. `user` is who did it (`system` for an
 * automatic unshelve), `comment` the acknowledgement comment or the reason.
 */
export const AlarmEventSchema = z.object({
  ...base,
  type: z.literal('alarm'),
  action: z.enum(['raised', 'cleared', 'acknowledged', 'shelved', 'unshelved', 'removed']),
  alarm: AlarmSchema,
  user: UserSchema.optional(),
  comment: z.string().max(500).optional(),
});

/** A device was taken out of service (maintenance: it raises no alarm) or put back in service. */
export const ServiceEventSchema = z.object({
  ...base,
  type: z.literal('service'),
  action: z.enum(['out-of-service', 'in-service']),
  user: UserSchema,
  reason: z.string().max(500),
});

/** `fleet.v1.event.<id>`: stored in stream FLEET_EVENTS. */
export const FleetEventSchema = z.discriminatedUnion('type', [TransitionEventSchema, CommandEventSchema, AlarmEventSchema, ServiceEventSchema]);
export type FleetEvent = z.infer<typeof FleetEventSchema>;
export type TransitionEvent = z.infer<typeof TransitionEventSchema>;
export type CommandEvent = z.infer<typeof CommandEventSchema>;
export type AlarmEvent = z.infer<typeof AlarmEventSchema>;
export type ServiceEvent = z.infer<typeof ServiceEventSchema>;
