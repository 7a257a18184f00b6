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

  it('rejects unknown flags', () => {
    expect(buildConfig(['--nope'], {}).ok).toBe(false);
  });
});
