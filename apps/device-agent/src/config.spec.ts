import { loadConfig } from './config';

describe('device-agent config', () => {
  it('reads flags, falling back to env, then defaults', () => {
    const result = loadConfig(['--device-id', 'cam-1', '--device-port', '7000'], {
      FLEET_DEVICE_KIND: 'camera',
      FLEET_DEVICE_ID: 'ignored',
      NATS_URL: 'nats://10.0.0.1:4222',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        deviceId: 'cam-1',
        kind: 'camera',
        deviceHost: '127.0.0.1',
        devicePort: 7000,
        statusHz: 10,
        natsUrl: 'nats://10.0.0.1:4222',
        requestTimeoutMs: 300,
        logLevel: 'info',
      },
    });
  });

  it('reports every invalid or missing value', () => {
    const result = loadConfig(['--device-id', 'bad id!', '--kind', 'toaster', '--status-hz', '0'], {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.split(':')[0]).sort()).toEqual(['deviceId', 'devicePort', 'kind', 'statusHz']);
    }
  });

  it('rejects unknown flags', () => {
    expect(loadConfig(['--devcie-id', 'x'], {})).toEqual({ ok: false, issues: [expect.stringContaining('devcie-id')] });
  });
});
