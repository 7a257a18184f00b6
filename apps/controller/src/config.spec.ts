import { buildConfig, DEFAULT_AGENT_TIMEOUT_MS, DEFAULT_NATS_URL } from './config';

describe('config', () => {
  it('uses defaults', () => {
    expect(buildConfig([], {})).toMatchObject({
      ok: true,
      config: { natsUrl: DEFAULT_NATS_URL, offlinePeriods: 3, agentTimeoutMs: DEFAULT_AGENT_TIMEOUT_MS, stepMs: undefined, logLevel: 'info' },
    });
  });

  it('prefers flags over env over defaults', () => {
    const result = buildConfig(['--step-ms', '300', '--nats-url', 'nats://127.0.0.1:5000'], {
      NATS_URL: 'nats://10.0.0.1:4222',
      FLEET_STEP_MS: '999',
      FLEET_OFFLINE_PERIODS: '5',
    });
    expect(result).toMatchObject({ ok: true, config: { natsUrl: 'nats://127.0.0.1:5000', stepMs: 300, offlinePeriods: 5 } });
  });

  it('reports every issue', () => {
    const result = buildConfig(['--step-ms', 'abc'], { FLEET_OFFLINE_PERIODS: '0' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues).toHaveLength(2);
  });

  it('reads the HTTP port (0 = ephemeral) and the command TTL', () => {
    expect(buildConfig(['--http-port', '0'], { FLEET_COMMAND_TTL_MS: '60000' })).toMatchObject({ ok: true, config: { httpPort: 0, commandTtlMs: 60_000 } });
    expect(buildConfig([], { FLEET_CONTROLLER_HTTP_PORT: '9999' })).toMatchObject({ ok: true, config: { httpPort: 9999 } });
    expect(buildConfig(['--http-port', '70000'], {}).ok).toBe(false);
  });

  it('rejects unknown flags', () => {
    expect(buildConfig(['--nope'], {}).ok).toBe(false);
  });
});
