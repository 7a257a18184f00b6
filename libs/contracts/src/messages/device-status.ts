import { z } from 'zod';
import { DeviceIdSchema, TimestampSchema } from '../device-id';
import { getDeviceKind } from '../kinds/registry';
import { DeviceKindNameSchema } from '../kinds/kind-name-schema';

export const LinkSchema = z.enum(['up', 'down']);
export type Link = z.infer<typeof LinkSchema>;

/** Agent-side counters, cumulative since the agent started. */
export const AgentCountersSchema = z.object({
  polls: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative(),
  reconnects: z.number().int().nonnegative(),
  skippedPolls: z.number().int().nonnegative(),
});
export type AgentCounters = z.infer<typeof AgentCountersSchema>;

/** `fleet.v1.device.<id>.status`, published by the agent once per poll. */
export const DeviceStatusSchema = z
  .object({
    deviceId: DeviceIdSchema,
    kind: DeviceKindNameSchema,
    /** Per-agent counter, +1 per status message. */
    seq: z.number().int().nonnegative(),
    /** ms since epoch at publish. */
    ts: TimestampSchema,
    link: LinkSchema,
    /** Why the link is down (refused, reset, timeout, protocol error, closed). */
    linkReason: z.string().max(200).optional(),
    /** State as the hardware reports it (`get_state`), `null` when unknown (link down). */
    hwState: z.string().max(32).nullable(),
    /** Hardware readings by key (see the kind's `readings`); `null` when not available. */
    readings: z.record(z.string().max(64), z.number().finite().nullable()),
    counters: AgentCountersSchema,
  })
  .superRefine((status, ctx) => {
    const spec = getDeviceKind(status.kind);
    if (spec && status.hwState !== null && !spec.hardwareStates.includes(status.hwState)) {
      ctx.addIssue({
        code: 'custom',
        path: ['hwState'],
        message: `${status.kind} hwState must be one of: ${spec.hardwareStates.join(', ')}`,
      });
    }
  });
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;
