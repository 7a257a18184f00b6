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

describe('config - replicas', () => {
  it('reads partitions, replica id, lease, KV replicas and a cluster URL list', () => {
    const result = buildConfig(['--partitions', '8', '--replica-id', 'controller-2', '--nats-url', 'nats://a:4222, nats://b:4222'], {
      FLEET_LEASE_MS: '2000',
      FLEET_KV_REPLICAS: '3',
    });
    expect(result).toMatchObject({ ok: true, config: { partitions: 8, replicaId: 'controller-2', leaseMs: 2000, kvReplicas: 3, natsUrl: 'nats://a:4222, nats://b:4222' } });
  });

  it('defaults to 16 partitions and a replica id of host and pid', () => {
    const result = buildConfig([], {});
    expect(result).toMatchObject({ ok: true, config: { partitions: 16, leaseMs: 1000, kvReplicas: 1 } });
    if (result.ok) expect(result.config.replicaId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('rejects a replica id that cannot be a KV key, and a URL list with a bad entry', () => {
    expect(buildConfig(['--replica-id', 'a.b'], {}).ok).toBe(false);
    expect(buildConfig(['--nats-url', 'nats://a:1,http://b'], {}).ok).toBe(false);
    expect(buildConfig(['--partitions', '0'], {}).ok).toBe(false);
  });
});
