import { SimFaultReplySchema, SimFaultRequestSchema } from './sim-fault';

describe('sim fault messages - validation', () => {
  it('accepts each fault and requires a latency for slow', () => {
    for (const fault of ['drop', 'refuse', 'hang', 'garbage', 'device', 'clear', 'query']) {
      expect(SimFaultRequestSchema.safeParse({ fault }).success).toBe(true);
    }
    expect(SimFaultRequestSchema.safeParse({ fault: 'slow', latencyMs: 500 }).success).toBe(true);
    expect(SimFaultRequestSchema.safeParse({ fault: 'slow' }).success).toBe(false);
    expect(SimFaultRequestSchema.safeParse({ fault: 'slow', latencyMs: 0 }).success).toBe(false);
    expect(SimFaultRequestSchema.safeParse({ fault: 'explode' }).success).toBe(false);
  });

  it('parses both reply shapes', () => {
    const faults = { refuse: false, hang: true, latencyMs: 0, garbage: false, device: false };
    const stats = { connections: 2, open: 1, lines: 10, maxInFlight: 1, commands: { get_state: 10 } };
    expect(SimFaultReplySchema.parse({ ok: true, deviceId: 'camera-1', faults, stats })).toMatchObject({ ok: true });
    expect(SimFaultReplySchema.parse({ ok: false, error: 'no device x' })).toMatchObject({ ok: false });
  });
});
