import { loadConfig, DEFAULT_AGENT_TIMEOUT_MS, DEFAULT_NATS_URL } from './config';

describe('config', () => {
  it('uses defaults', () => {
    expect(loadConfig([], {})).toMatchObject({
      ok: true,
      config: { natsUrl: DEFAULT_NATS_URL, offlinePeriods: 3, agentTimeoutMs: DEFAULT_AGENT_TIMEOUT_MS, stepMs: undefined, logLevel: 'info' },
    });
  });

  it('prefers flags over env over defaults', () => {
    const result = loadConfig(['--step-ms', '300', '--nats-url', 'nats://127.0.0.1:5000'], {
      NATS_URL: 'nats://10.0.0.1:4222',
      FLEET_STEP_MS: '999',
      FLEET_OFFLINE_PERIODS: '5',
    });
    expect(result).toMatchObject({ ok: true, config: { natsUrl: 'nats://127.0.0.1:5000', stepMs: 300, offlinePeriods: 5 } });
  });

  it('reports every issue', () => {
    const result = loadConfig(['--step-ms', 'abc'], { FLEET_OFFLINE_PERIODS: '0' });
    expect(result.ok).toBe(false);
    expect(result).toEqual({ ok: false, issues: ['--step-ms: must be a whole number in [1, 3600000]', 'FLEET_OFFLINE_PERIODS: must be within [1, 100]'] });
  });

  it('reads the HTTP port (0 = ephemeral) and the command TTL', () => {
    expect(loadConfig(['--http-port', '0'], { FLEET_COMMAND_TTL_MS: '60000' })).toMatchObject({ ok: true, config: { httpPort: 0, commandTtlMs: 60_000 } });
    expect(loadConfig([], { FLEET_CONTROLLER_HTTP_PORT: '9999' })).toMatchObject({ ok: true, config: { httpPort: 9999 } });
    expect(loadConfig(['--http-port', '70000'], {}).ok).toBe(false);
  });

  it('reads the dedupe cache size and stream size limit from flags too', () => {
    expect(loadConfig(['--dedupe-max', '500', '--events-max-bytes', '2048'], { FLEET_DEDUPE_MAX: '9' })).toMatchObject({ ok: true, config: { dedupeMax: 500, eventsMaxBytes: 2048 } });
  });

  it('rejects unknown flags', () => {
    expect(loadConfig(['--nope'], {})).toEqual({ ok: false, issues: ['unknown option --nope'] });
  });
});

describe('config - replicas', () => {
  it('reads partitions, replica id, lease, KV replicas and a cluster URL list', () => {
    const result = loadConfig(['--partitions', '8', '--replica-id', 'controller-2', '--nats-url', 'nats://a:4222, nats://b:4222'], {
      FLEET_LEASE_MS: '2000',
      FLEET_KV_REPLICAS: '3',
    });
    expect(result).toMatchObject({ ok: true, config: { partitions: 8, replicaId: 'controller-2', leaseMs: 2000, kvReplicas: 3, natsUrl: 'nats://a:4222,nats://b:4222' } });
  });

  it('defaults to 16 partitions and a replica id of host and pid', () => {
    const result = loadConfig([], {});
    expect(result).toMatchObject({ ok: true, config: { partitions: 16, leaseMs: 1000, kvReplicas: 1 } });
    if (result.ok) expect(result.config.replicaId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it('rejects a replica id that cannot be a KV key, and a URL list with a bad entry', () => {
    expect(loadConfig(['--replica-id', 'a.b'], {})).toEqual({ ok: false, issues: ['--replica-id: must be letters, digits, _ and - only, at most 64'] });
    expect(loadConfig(['--nats-url', 'nats://a:1,http://b'], {})).toEqual({ ok: false, issues: ['--nats-url: "http://b" is not a nats:// URL'] });
    expect(loadConfig(['--partitions', '0'], {}).ok).toBe(false);
    expect(loadConfig([], { FLEET_SLOW_RATIO: '1' }).ok).toBe(false);
  });
});
