import { parseEventMessage, parseStateMessage, parseStatusMessage } from './fleet-messages';

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

const status = {
  deviceId: 'stage-1',
  kind: 'stage',
  seq: 3,
  ts: 1_700_000_000_000,
  link: 'up',
  hwState: 'idle',
  readings: { position: 12.5 },
  counters: { polls: 3, timeouts: 0, reconnects: 0, skippedPolls: 0 },
};

describe('fleet messages', () => {
  it('accepts a valid status whose deviceId matches the subject', () => {
    const parsed = parseStatusMessage('fleet.v1.device.stage-1.status', encode(status));
    expect(parsed).toEqual({ ok: true, value: status });
  });

  it('rejects a status whose deviceId differs from the subject', () => {
    const parsed = parseStatusMessage('fleet.v1.device.stage-2.status', encode(status));
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('does not match subject') });
  });

  it('accepts a status delivered with a partition token, and still checks its deviceId', () => {
    expect(parseStatusMessage('fleet.v1.device.stage-1.status.3', encode(status))).toEqual({ ok: true, value: status });
    const mismatched = parseStatusMessage('fleet.v1.device.stage-2.status.3', encode(status));
    expect(mismatched).toEqual({ ok: false, error: expect.stringContaining('does not match subject') });
    expect(parseStatusMessage('fleet.v1.device.stage-1.status.x', encode(status)).ok).toBe(false);
  });

  it('rejects bytes that are not JSON', () => {
    const parsed = parseStatusMessage('fleet.v1.device.stage-1.status', new TextEncoder().encode('{nope'));
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('not UTF-8 JSON') });
  });

  it('names the invalid field', () => {
    const parsed = parseStatusMessage('fleet.v1.device.stage-1.status', encode({ ...status, hwState: 'dancing' }));
    expect(parsed).toEqual({ ok: false, error: expect.stringContaining('hwState') });
  });

  it('rejects a state message for an unknown kind', () => {
    const parsed = parseStateMessage('fleet.v1.control.state.x-1', encode({ deviceId: 'x-1', kind: 'toaster' }));
    expect(parsed.ok).toBe(false);
  });

  it('accepts a transition event', () => {
    const event = { id: 'e1', ts: 1, deviceId: 'cam-1', type: 'transition', from: 'Idle', to: 'Exposing', reason: 'start' };
    expect(parseEventMessage('fleet.v1.event.cam-1', encode(event))).toEqual({ ok: true, value: event });
  });
});
