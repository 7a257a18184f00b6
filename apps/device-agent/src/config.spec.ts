import { renderHelp } from '@fleet/app-config';
import { CONFIG_SCHEMA, defaultRequestTimeoutMs, loadConfig } from './config';

describe('device-agent config', () => {
  it('reads flags, falling back to env, then defaults', () => {
    const result = loadConfig(['--device-id', 'cam-1', '--device-port', '7000'], {
      FLEET_DEVICE_KIND: 'camera',
      FLEET_DEVICE_ID: 'ignored',
      NATS_URL: 'nats://10.0.0.1:4222',
      FLEET_BACKOFF_CAP_MS: '2000',
      FLEET_NATS_NKEY_FILE: '/run/secrets/agent.nk',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        devices: [{ deviceId: 'cam-1', kind: 'camera', deviceHost: '127.0.0.1', devicePort: 7000 }],
        statusHz: 10,
        natsUrl: ['nats://10.0.0.1:4222'],
        natsAuth: { nkeyFile: '/run/secrets/agent.nk' },
        requestTimeoutMs: 150,
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
    expect(both.ok ? [] : both.issues).toEqual(['--devices: give only one of --devices, --config and --device-pool']);
    const tooShort = loadConfig(['--device-pool', 'camera-1=camera@7000', '--lease-ms', '10'], {});
    expect(tooShort).toEqual({ ok: false, issues: ['--lease-ms: must be within [500, 600000]'] });
    expect(loadConfig(['--device-pool', ' , '], {})).toEqual({ ok: false, issues: ['--device-pool: lists no device'] });
  });

  it('reports every invalid or missing value', () => {
    const result = loadConfig(['--device-id', 'bad id!', '--kind', 'toaster', '--status-hz', '0'], {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.split(':')[0]).sort()).toEqual(['--device-id', '--device-port / FLEET_DEVICE_PORT', '--kind', '--status-hz']);
      expect(result.issues).toContain('--device-port / FLEET_DEVICE_PORT: is required (one device; or give --devices, --config or --device-pool)');
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
    expect(loadConfig(one, { NATS_URL: ' , ' })).toEqual({ ok: false, issues: ['NATS_URL: needs at least one server URL'] });
    expect(loadConfig(one, { NATS_URL: 'nats://a:1,b 2' })).toEqual({ ok: false, issues: ['NATS_URL: "b 2" is not a nats:// URL'] });
  });

  it('rejects unknown flags', () => {
    expect(loadConfig(['--devcie-id', 'x'], {})).toEqual({ ok: false, issues: ['unknown option --devcie-id', 'unexpected argument "x"'] });
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
    expect(result).toEqual({ ok: false, issues: [expect.stringMatching(/^--config: devices\.1\.kind: /)] });
    const good = loadConfig([], { FLEET_AGENT_CONFIG: '/x.json' }, () => JSON.stringify({ devices: [{ deviceId: 'a', kind: 'stage', port: 7000, host: 'h' }] }));
    expect(good).toMatchObject({ ok: true, config: { devices: [{ deviceId: 'a', kind: 'stage', deviceHost: 'h', devicePort: 7000 }] } });
  });

  it('dense mode - refuses duplicates, empty lists, unreadable files and malformed entries', () => {
    const issuesOf = (argv: string[], readFile?: (p: string) => string): string[] => {
      const result = loadConfig(argv, {}, readFile);
      return result.ok ? [] : result.issues;
    };
    expect(issuesOf(['--devices', 'a=camera@7000,a=stage@7001'])).toEqual([expect.stringContaining('"a" is listed twice')]);
    expect(issuesOf(['--devices', ' , '])).toEqual(['--devices: lists no device']);
    expect(issuesOf(['--devices', 'a-camera-7000'])).toEqual([expect.stringContaining('must look like')]);
    expect(issuesOf(['--config', '/nope.json'], () => { throw new Error('ENOENT'); })).toEqual([expect.stringContaining('ENOENT')]);
    expect(issuesOf(['--config', '/x.json'], () => '[]')).toEqual([expect.stringContaining('"devices" array')]);
  });

  it('backoff - cap below base is refused', () => {
    const result = loadConfig(['--device-id', 'a', '--kind', 'camera', '--device-port', '1', '--backoff-base-ms', '500', '--backoff-cap-ms', '100'], {});
    expect(result).toEqual({ ok: false, issues: ['--backoff-cap-ms: must not be below the backoff base (500 ms)'] });
  });
});

describe('device-agent config - request timeout', () => {
  const one = ['--device-id', 'a', '--kind', 'camera', '--device-port', '1'];
  const timeoutOf = (argv: string[], env: Record<string, string> = {}) => {
    const result = loadConfig([...one, ...argv], env);
    return result.ok ? result.config.requestTimeoutMs : result.issues;
  };

  it('defaults to 1.5 poll periods: 150 ms at 10 Hz, 300 ms at 5 Hz, never below 10 ms', () => {
    expect(timeoutOf([])).toBe(150);
    expect(timeoutOf(['--status-hz', '5'])).toBe(300);
    expect(timeoutOf([], { FLEET_STATUS_HZ: '2.5' })).toBe(600);
    expect(timeoutOf(['--status-hz', '100'])).toBe(15);
    expect(defaultRequestTimeoutMs(1000)).toBe(10);
    expect(defaultRequestTimeoutMs(0.01)).toBe(60_000);
  });

  it('is overridden by --request-timeout-ms or FLEET_REQUEST_TIMEOUT_MS, still within [10, 60000]', () => {
    expect(timeoutOf(['--request-timeout-ms', '300'])).toBe(300);
    expect(timeoutOf(['--status-hz', '5'], { FLEET_REQUEST_TIMEOUT_MS: '120' })).toBe(120);
    expect(timeoutOf(['--request-timeout-ms', '5'])).toEqual(['--request-timeout-ms: must be within [10, 60000]']);
  });
});

describe('device-agent config - help', () => {
  it('documents every flag with its variable', () => {
    const help = renderHelp(CONFIG_SCHEMA);
    for (const s of CONFIG_SCHEMA.settings) {
      expect(help).toContain(`--${s.flag}`);
      if (s.env) expect(help).toContain(s.env);
    }
    expect(help).toContain('default: 1.5 poll periods (150 at 10 Hz)');
  });
});
