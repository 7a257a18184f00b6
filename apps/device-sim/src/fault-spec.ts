import { SimFaultRequestSchema, type SimFaultRequest } from '@fleet/contracts';

/** A fault given at start-up: `<deviceId>=<fault>` or `<deviceId>=slow:<latencyMs>`. */
export interface StartupFault {
  readonly deviceId: string;
  readonly request: SimFaultRequest;
}

export type FaultSpecResult = { ok: true; fault: StartupFault } | { ok: false; error: string };

/** Parses one `--fault` value, e.g. `camera-1=hang`, `stage-2=slow:500`, `sensor-1=device`. */
export function parseFaultSpec(text: string): FaultSpecResult {
  const match = /^([A-Za-z0-9_-]{1,64})=([a-z]+)(?::(\d+))?$/.exec(text.trim());
  if (!match) return { ok: false, error: `fault "${text}" must look like <deviceId>=<fault>[:<latencyMs>]` };
  const [, deviceId = '', fault, latency] = match;
  const parsed = SimFaultRequestSchema.safeParse(latency === undefined ? { fault } : { fault, latencyMs: Number(latency) });
  if (!parsed.success) {
    return { ok: false, error: `fault "${text}": ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  }
  return { ok: true, fault: { deviceId, request: parsed.data } };
}
