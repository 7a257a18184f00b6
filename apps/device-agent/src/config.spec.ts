import { loadConfig } from './config';

describe('device-agent config', () => {
  it('reads flags, falling back to env, then defaults', () => {
    const result = loadConfig(['--device-id', 'cam-1', '--device-port', '7000'], {
      FLEET_DEVICE_KIND: 'camera',
      FLEET_DEVICE_ID: 'ignored',
      NATS_URL: 'nats://10.0.0.1:4222',
      FLEET_BACKOFF_CAP_MS: '2000',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        devices: [{ deviceId: 'cam-1', kind: 'camera', deviceHost: '127.0.0.1', devicePort: 7000 }],
        statusHz: 10,
        natsUrl: ['nats://10.0.0.1:4222'],
        requestTimeoutMs: 300,
        backoffBaseMs: 100,
        backoffCapMs: 2000,
        logLevel: 'info',
        pool: undefined,
        leaseMs: 5000,
      },
    });
  });

  it('pool - reads a device pool and a lease, and refuses a pool given with --devices', () => {
    const pooled = loadConfig(['--device-pool', 'camera-1=camera@7000,camera-2=camera@7001', '--lease-ms', '3000'], {});
    expect(pooled.ok && pooled.config).toMatchObject({
      devices: [],
      leaseMs: 3000,
      pool: [
        { deviceId: 'camera-1', kind: 'camera', devicePort: 7000 },
        { deviceId: 'camera-2', kind: 'camera', devicePort: 7001 },
      ],
    });
    const both = loadConfig(['--device-pool', 'camera-1=camera@7000', '--devices', 'camera-2=camera@7001'], {});
    expect(both.ok ? [] : both.issues).toEqual([expect.stringContaining('only one of --devices, --config and --device-pool')]);
    const tooShort = loadConfig(['--device-pool', 'camera-1=camera@7000', '--lease-ms', '10'], {});
    expect(tooShort.ok).toBe(false);
  });

  it('reports every invalid or missing value', () => {
    const result = loadConfig(['--device-id', 'bad id!', '--kind', 'toaster', '--status-hz', '0'], {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.split(':')[0]).sort()).toEqual(['deviceId', 'devicePort', 'kind', 'statusHz']);
    }
  });

  it('nats url - takes a comma-separated list of servers, blanks ignored', () => {
    const one = ['--device-id', 'a', '--kind', 'camera', '--device-port', '1'];
    expect(loadConfig(one, {})).toMatchObject({ ok: true, config: { natsUrl: ['nats://127.0.0.1:4222'] } });
    expect(loadConfig([...one, '--nats-url', 'nats://a:4222, nats://b:4223,'], { NATS_URL: 'nats://ignored:1' })).toMatchObject({
      ok: true,
      config: { natsUrl: ['nats://a:4222', 'nats://b:4223'] },
    });
    expect(loadConfig(one, { NATS_URL: 'nats://a:1,tls://b:2' })).toMatchObject({ ok: true, config: { natsUrl: ['nats://a:1', 'tls://b:2'] } });
  });

  it('nats url - refuses an empty list and an entry that is not a URL', () => {
    const one = ['--device-id', 'a', '--kind', 'camera', '--device-port', '1'];
    expect(loadConfig(one, { NATS_URL: ' , ' })).toEqual({ ok: false, issues: ['natsUrl: needs at least one server URL'] });
    expect(loadConfig(one, { NATS_URL: 'nats://a:1,b 2' })).toEqual({ ok: false, issues: ['natsUrl: "b 2" is not a nats:// URL'] });
  });

  it('rejects unknown flags', () => {
    expect(loadConfig(['--devcie-id', 'x'], {})).toEqual({ ok: false, issues: [expect.stringContaining('devcie-id')] });
  });

  it('dense mode - reads several devices from --devices', () => {
    const result = loadConfig(['--devices', 'camera-1=camera@7000, stage-1=stage@10.0.0.5:7003,sensor-1=sensor@7004'], {});
    expect(result).toMatchObject({
      ok: true,
      config: {
        devices: [
          { deviceId: 'camera-1', kind: 'camera', deviceHost: '127.0.0.1', devicePort: 7000 },
          { deviceId: 'stage-1', kind: 'stage', deviceHost: '10.0.0.5', devicePort: 7003 },
          { deviceId: 'sensor-1', kind: 'sensor', deviceHost: '127.0.0.1', devicePort: 7004 },
        ],
      },
    });
  });

  it('dense mode - reads a device file and names bad entries', () => {
    const file = JSON.stringify({ devices: [{ deviceId: 'a', kind: 'camera', port: 7000 }, { deviceId: 'b', kind: 'toaster', port: '7001' }] });
    const result = loadConfig(['--config', '/etc/agent.json'], {}, () => file);
    expect(result).toEqual({ ok: false, issues: [expect.stringMatching(/^devices\.1\.kind: /)] });
    const good = loadConfig([], { FLEET_AGENT_CONFIG: '/x.json' }, () => JSON.stringify({ devices: [{ deviceId: 'a', kind: 'stage', port: 7000, host: 'h' }] }));
    expect(good).toMatchObject({ ok: true, config: { devices: [{ deviceId: 'a', kind: 'stage', deviceHost: 'h', devicePort: 7000 }] } });
  });

  it('dense mode - refuses duplicates, empty lists, unreadable files and malformed entries', () => {
    const issuesOf = (argv: string[], readFile?: (p: string) => string): string[] => {
      const result = loadConfig(argv, {}, readFile);
      return result.ok ? [] : result.issues;
    };
    expect(issuesOf(['--devices', 'a=camera@7000,a=stage@7001'])).toEqual([expect.stringContaining('"a" is listed twice')]);
    expect(issuesOf(['--devices', ' , '])).toEqual(['devices: lists no device']);
    expect(issuesOf(['--devices', 'a-camera-7000'])).toEqual([expect.stringContaining('must look like')]);
    expect(issuesOf(['--config', '/nope.json'], () => { throw new Error('ENOENT'); })).toEqual([expect.stringContaining('ENOENT')]);
    expect(issuesOf(['--config', '/x.json'], () => '[]')).toEqual([expect.stringContaining('"devices" array')]);
  });

  it('backoff - cap below base is refused', () => {
    const result = loadConfig(['--device-id', 'a', '--kind', 'camera', '--device-port', '1', '--backoff-base-ms', '500', '--backoff-cap-ms', '100'], {});
    expect(result).toEqual({ ok: false, issues: [expect.stringMatching(/^backoffCapMs: /)] });
  });
});
