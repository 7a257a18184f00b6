import { z } from 'zod';

/** Longest added latency a `slow` fault accepts. */
export const MAX_SIM_LATENCY_MS = 60_000;

/**
 * `fleet.v1.sim.<deviceId>.fault` request (tests, benchmark, operator -> simulator). Faults:
 * `drop` closes the device's open connections once; `refuse` stops listening (connects are
 * refused); `hang` accepts connections and reads lines but never replies; `slow` delays every
 * reply by `latencyMs`; `garbage` answers every line with garbage; `device` puts the device into
 * its own fault state (stage and sensor `fault`, camera `unknown`); `clear` ends every fault;
 * `query` changes nothing and only reports.
 */
export const SimFaultRequestSchema = z.discriminatedUnion('fault', [
  z.object({ fault: z.literal('drop') }),
  z.object({ fault: z.literal('refuse') }),
  z.object({ fault: z.literal('hang') }),
  z.object({ fault: z.literal('slow'), latencyMs: z.number().int().min(1).max(MAX_SIM_LATENCY_MS) }),
  z.object({ fault: z.literal('garbage') }),
  z.object({ fault: z.literal('device') }),
  z.object({ fault: z.literal('clear') }),
  z.object({ fault: z.literal('query') }),
]);
export type SimFaultRequest = z.infer<typeof SimFaultRequestSchema>;

/** The name of a fault request (`drop`, `refuse`, ..., `clear`, `query`). */
export type SimFaultName = SimFaultRequest['fault'];

/** Faults in force on one simulated device (`drop` is a one-shot action, so it is not listed). */
export const SimFaultStateSchema = z.object({
  refuse: z.boolean(),
  hang: z.boolean(),
  /** Added reply latency, 0 when not slowed. */
  latencyMs: z.number().int().nonnegative(),
  garbage: z.boolean(),
  /** The device's own fault (only until `clear` or the device's own reset). */
  device: z.boolean(),
});
export type SimFaultState = z.infer<typeof SimFaultStateSchema>;

/** Traffic counters of one simulated device since the simulator started. */
export const SimDeviceStatsSchema = z.object({
  /** Connections accepted. */
  connections: z.number().int().nonnegative(),
  /** Connections open now. */
  open: z.number().int().nonnegative(),
  /** Lines received. */
  lines: z.number().int().nonnegative(),
  /** Most lines ever waiting for their reply on one connection (1 for a well-behaved client). */
  maxInFlight: z.number().int().nonnegative(),
  /** Lines received by command word (`""` counts empty lines): what the hardware was asked to do. */
  commands: z.record(z.string(), z.number().int().nonnegative()),
});
export type SimDeviceStats = z.infer<typeof SimDeviceStatsSchema>;

/** Reply from the simulator. */
export const SimFaultReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), deviceId: z.string(), faults: SimFaultStateSchema, stats: SimDeviceStatsSchema }),
  z.object({ ok: z.literal(false), error: z.string().max(500) }),
]);
export type SimFaultReply = z.infer<typeof SimFaultReplySchema>;
