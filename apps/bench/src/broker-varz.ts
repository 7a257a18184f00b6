import { z } from 'zod';

/** The part of nats-server's `/varz` the scale-out step reads. */
const VarzSchema = z.object({
  in_msgs: z.number().int().min(0),
  out_msgs: z.number().int().min(0),
  slow_consumers: z.number().int().min(0),
});

/** The broker's message counters since it started. */
export interface BrokerCounters {
  /** Messages published to the broker by every client. */
  inMsgs: number;
  /** Messages delivered to subscribers. */
  outMsgs: number;
  /** Times the broker cut off a client that did not read fast enough. */
  slowConsumers: number;
}

/** nats-server config text that serves the monitoring endpoints on 127.0.0.1:`port`. */
export function monitoringConfig(port: number): string {
  return `http: "127.0.0.1:${port}"\n`;
}

const VARZ_TIMEOUT_MS = 5000;

/** Reads the broker's counters from its monitoring port. */
export async function brokerCounters(monitorPort: number): Promise<BrokerCounters> {
  const response = await fetch(`http://127.0.0.1:${monitorPort}/varz`, { signal: AbortSignal.timeout(VARZ_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`nats-server /varz answered ${response.status}`);
  const parsed = VarzSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`nats-server /varz: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return { inMsgs: parsed.data.in_msgs, outMsgs: parsed.data.out_msgs, slowConsumers: parsed.data.slow_consumers };
}
