import path from 'node:path';
import { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_FLUSH_HZ, DEFAULT_NATS_URL, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const result = loadConfig([], {});
    expect(result).toEqual({
      ok: true,
      config: {
        port: 8080,
        host: '0.0.0.0',
        natsUrl: [DEFAULT_NATS_URL],
        uiDir: expect.stringMatching(/ui[\\/]dist$/),
        flushHz: DEFAULT_FLUSH_HZ,
        commandTimeoutMs: DEFAULT_COMMAND_TIMEOUT_MS,
        logLevel: 'info',
      },
    });
  });

  it('reads FLEET_* and NATS_URL from the environment', () => {
    const result = loadConfig([], {
      FLEET_GATEWAY_PORT: '9000',
      FLEET_GATEWAY_HOST: '127.0.0.1',
      NATS_URL: 'nats://a:4222, nats://b:4222',
      FLEET_UI_DIR: '/srv/ui',
      FLEET_FLUSH_HZ: '5',
      FLEET_COMMAND_TIMEOUT_MS: '1500',
      FLEET_LOG_LEVEL: 'debug',
    });
    expect(result).toEqual({
      ok: true,
      config: {
        port: 9000,
        host: '127.0.0.1',
        natsUrl: ['nats://a:4222', 'nats://b:4222'],
        uiDir: path.resolve('/srv/ui'),
        flushHz: 5,
        commandTimeoutMs: 1500,
        logLevel: 'debug',
      },
    });
  });

  it('lets flags win over the environment', () => {
    const result = loadConfig(['--port', '0', '--flush-hz', '10', '--nats-url', 'nats://127.0.0.1:4333'], {
      FLEET_GATEWAY_PORT: '9000',
      FLEET_FLUSH_HZ: '5',
      NATS_URL: 'nats://elsewhere:4222',
    });
    expect(result.ok && result.config.port).toBe(0);
    expect(result.ok && result.config.flushHz).toBe(10);
    expect(result.ok && result.config.natsUrl).toEqual(['nats://127.0.0.1:4333']);
  });

  it('reports every invalid value', () => {
    const result = loadConfig(['--port', 'http', '--flush-hz', '0'], { FLEET_LOG_LEVEL: 'loud' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(3);
    expect(result.errors.join('\n')).toMatch(/port/);
    expect(result.errors.join('\n')).toMatch(/flushHz/);
    expect(result.errors.join('\n')).toMatch(/logLevel/);
  });

  it('rejects unknown flags', () => {
    const result = loadConfig(['--prot', '1'], {});
    expect(result.ok).toBe(false);
  });
});
