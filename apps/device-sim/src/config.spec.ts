import { loadConfig } from './config';

describe('device-sim config', () => {
  it('uses the defaults with no flags or env', () => {
    expect(loadConfig([], {})).toEqual({
      ok: true,
      config: expect.objectContaining({ cameras: 3, stages: 2, basePort: 7000, host: '127.0.0.1', homeMs: 1000 }),
    });
  });

  it('prefers flags over env over defaults', () => {
    const result = loadConfig(['--cameras', '5'], { FLEET_SIM_CAMERAS: '7', FLEET_SIM_STAGES: '0' });
    expect(result).toEqual({ ok: true, config: expect.objectContaining({ cameras: 5, stages: 0 }) });
  });

  it('reports every bad value and unknown flags', () => {
    const bad = loadConfig(['--cameras', 'three', '--base-port', '70000'], {});
    expect(bad).toEqual({
      ok: false,
      issues: ['--cameras: must be a whole number in [0, 5000]', '--base-port: must be within [0, 65535]'],
    });
    expect(loadConfig(['--bogus'], {})).toEqual({ ok: false, issues: ['unknown option --bogus'] });
    expect(loadConfig(['--base-port', '65000', '--cameras', '600'], {})).toEqual({ ok: false, issues: ['--base-port: base port + device count exceeds 65535'] });
  });
});

describe('device-sim config - nats url', () => {
  it('takes one server or a comma-separated list, blanks ignored', () => {
    expect(loadConfig([], {})).toEqual({ ok: true, config: expect.objectContaining({ natsUrl: ['nats://127.0.0.1:4222'] }) });
    expect(loadConfig([], { NATS_URL: 'nats://a:4222, nats://b:4223,' })).toEqual({
      ok: true,
      config: expect.objectContaining({ natsUrl: ['nats://a:4222', 'nats://b:4223'] }),
    });
    expect(loadConfig(['--nats-url', 'nats://c:1'], { NATS_URL: 'nats://a:4222' })).toEqual({ ok: true, config: expect.objectContaining({ natsUrl: ['nats://c:1'] }) });
  });

  it('refuses an empty list and an entry that is not a URL', () => {
    expect(loadConfig([], { NATS_URL: ' , ' })).toEqual({ ok: false, issues: ['NATS_URL: needs at least one server URL'] });
    expect(loadConfig([], { NATS_URL: 'nats://a:1,b:2' })).toEqual({ ok: false, issues: ['NATS_URL: "b:2" is not a nats:// URL'] });
  });
});

describe('device-sim config - metrics endpoint', () => {
  it('is off by default and set by --http-port or FLEET_SIM_HTTP_PORT', () => {
    expect(loadConfig([], {})).toEqual({ ok: true, config: expect.objectContaining({ httpPort: 0 }) });
    expect(loadConfig([], { FLEET_SIM_HTTP_PORT: '9465' })).toEqual({ ok: true, config: expect.objectContaining({ httpPort: 9465 }) });
    expect(loadConfig(['--http-port', '9466'], { FLEET_SIM_HTTP_PORT: '9465' })).toEqual({
      ok: true,
      config: expect.objectContaining({ httpPort: 9466 }),
    });
  });
});

describe('device-sim config - start-up faults', () => {
  it('reads repeated --fault flags, or a comma-separated FLEET_SIM_FAULTS, and names a bad one', () => {
    expect(loadConfig(['--fault', 'camera-1=hang', '--fault', 'stage-1=slow:500'], { FLEET_SIM_FAULTS: 'ignored=hang' })).toEqual({
      ok: true,
      config: expect.objectContaining({
        faults: [
          { deviceId: 'camera-1', request: { fault: 'hang' } },
          { deviceId: 'stage-1', request: { fault: 'slow', latencyMs: 500 } },
        ],
      }),
    });
    expect(loadConfig([], { FLEET_SIM_FAULTS: 'camera-2=refuse,' })).toEqual({ ok: true, config: expect.objectContaining({ faults: [{ deviceId: 'camera-2', request: { fault: 'refuse' } }] }) });
    expect(loadConfig([], { FLEET_SIM_FAULTS: 'camera-1' })).toEqual({ ok: false, issues: [expect.stringMatching(/^FLEET_SIM_FAULTS: fault "camera-1" must look like/)] });
  });
});
