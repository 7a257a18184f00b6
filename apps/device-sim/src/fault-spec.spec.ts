import { parseFaultSpec } from './fault-spec';

describe('fault spec - start-up flag values', () => {
  it.each([
    ['camera-1=hang', { deviceId: 'camera-1', request: { fault: 'hang' } }],
    ['stage-2=slow:500', { deviceId: 'stage-2', request: { fault: 'slow', latencyMs: 500 } }],
    ['sensor-1=device', { deviceId: 'sensor-1', request: { fault: 'device' } }],
    ['camera-3=refuse', { deviceId: 'camera-3', request: { fault: 'refuse' } }],
  ])('parses %s', (text, fault) => {
    expect(parseFaultSpec(text)).toEqual({ ok: true, fault });
  });

  it.each(['camera-1', 'camera-1=explode', 'camera-1=slow', 'bad id=hang', '=drop'])('rejects %j', (text) => {
    expect(parseFaultSpec(text)).toEqual({ ok: false, error: expect.stringContaining(text) });
  });
});
