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
      issues: expect.arrayContaining([expect.stringMatching(/^cameras: /), expect.stringMatching(/^basePort: /)]),
    });
    expect(loadConfig(['--bogus'], {})).toEqual({ ok: false, issues: [expect.stringContaining('bogus')] });
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
    expect(loadConfig([], { NATS_URL: ' , ' })).toEqual({ ok: false, issues: ['natsUrl: needs at least one server URL'] });
    expect(loadConfig([], { NATS_URL: 'nats://a:1,b:2' })).toEqual({ ok: false, issues: ['natsUrl.1: must be a nats:// URL'] });
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
