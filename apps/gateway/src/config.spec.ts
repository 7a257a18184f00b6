import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_COMMAND_RATE, DEFAULT_COMMAND_RETRY_MS, DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_FLUSH_HZ, DEFAULT_NATS_URL, loadConfig } from './config';

/** The minimum environment: one token, so the other settings can be tested alone. */
const TOKENS = { FLEET_TOKENS: 'alice:operator:s3cret' };

describe('loadConfig', () => {
  it('uses the defaults when nothing is set', () => {
    const result = loadConfig([], TOKENS);
    expect(result).toEqual({
      ok: true,
      config: {
        port: 8080,
        host: '0.0.0.0',
        natsUrl: [DEFAULT_NATS_URL],
        natsAuth: {},
        uiDir: expect.stringMatching(/ui[\\/]dist$/),
        flushHz: DEFAULT_FLUSH_HZ,
        commandTimeoutMs: DEFAULT_COMMAND_TIMEOUT_MS,
        commandRetryMs: DEFAULT_COMMAND_RETRY_MS,
        logLevel: 'info',
        commandRate: DEFAULT_COMMAND_RATE,
        tokens: [{ user: 'alice', role: 'operator', secret: 's3cret' }],
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
      FLEET_COMMAND_RETRY_MS: '0',
      FLEET_LOG_LEVEL: 'debug',
      FLEET_COMMAND_RATE: '2',
      ...TOKENS,
    });
    expect(result).toEqual({
      ok: true,
      config: {
        port: 9000,
        host: '127.0.0.1',
        natsUrl: ['nats://a:4222', 'nats://b:4222'],
        natsAuth: {},
        uiDir: path.resolve('/srv/ui'),
        flushHz: 5,
        commandTimeoutMs: 1500,
        commandRetryMs: 0,
        logLevel: 'debug',
        commandRate: 2,
        tokens: [{ user: 'alice', role: 'operator', secret: 's3cret' }],
      },
    });
  });

  it('lets flags win over the environment', () => {
    const result = loadConfig(['--port', '0', '--flush-hz', '10', '--nats-url', 'nats://127.0.0.1:4333', '--command-retry-ms', '2500'], {
      FLEET_GATEWAY_PORT: '9000',
      FLEET_FLUSH_HZ: '5',
      FLEET_COMMAND_RETRY_MS: '9000',
      NATS_URL: 'nats://elsewhere:4222',
      ...TOKENS,
    });
    expect(result.ok && result.config.port).toBe(0);
    expect(result.ok && result.config.flushHz).toBe(10);
    expect(result.ok && result.config.natsUrl).toEqual(['nats://127.0.0.1:4333']);
    expect(result.ok && result.config.commandRetryMs).toBe(2500);
  });

  it('reports every invalid value', () => {
    const result = loadConfig(['--port', 'http', '--flush-hz', '0'], { FLEET_LOG_LEVEL: 'loud', FLEET_COMMAND_RETRY_MS: '-1', ...TOKENS });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      '--port: must be a whole number in [0, 65535]',
      '--flush-hz: must be a number in (0, 100]',
      'FLEET_COMMAND_RETRY_MS: must be a whole number in [0, 300000]',
      'FLEET_LOG_LEVEL: must be one of: fatal, error, warn, info, debug, trace, silent',
    ]);
  });

  it('rejects unknown flags', () => {
    const result = loadConfig(['--prot', '1'], TOKENS);
    expect(result).toEqual({ ok: false, issues: ['unknown option --prot', 'unexpected argument "1"'] });
  });

  describe('tokens', () => {
    it('reads user:role:secret entries from --tokens, before FLEET_TOKENS', () => {
      const result = loadConfig(['--tokens', 'bob:viewer:v1, carol:operator:o1'], TOKENS);
      expect(result.ok && result.config.tokens).toEqual([
        { user: 'bob', role: 'viewer', secret: 'v1' },
        { user: 'carol', role: 'operator', secret: 'o1' },
      ]);
    });

    it('reads a tokens file with one entry per line, skipping comments', () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'gw-tokens-')), 'tokens');
      writeFileSync(file, '# control room\nbob:viewer:v1\n\ncarol:operator:o1\n');
      const result = loadConfig([], { FLEET_TOKENS_FILE: file });
      expect(result.ok && result.config.tokens.map((t) => t.user)).toEqual(['bob', 'carol']);
    });

    it('says how to set tokens when there are none', () => {
      const result = loadConfig([], {});
      expect(result).toEqual({ ok: false, issues: [expect.stringMatching(/no tokens configured: set FLEET_TOKENS=.*--tokens-file/)] });
    });

    it('rejects a malformed entry or an unknown role without echoing the secret', () => {
      const result = loadConfig(['--tokens', 'alice:operator:ok1,bob:admin:hunter2,justasecret'], {});
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toHaveLength(2);
      expect(result.issues[0]).toMatch(/--tokens: entry 2 is malformed/);
      expect(result.issues[1]).toMatch(/--tokens: entry 3 is malformed/);
      expect(result.issues.join('\n')).not.toMatch(/hunter2|justasecret/);
    });

    it('takes flags before the environment, and a list before a file at the same level', () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'gw-tokens-')), 'tokens');
      writeFileSync(file, 'dave:viewer:d1\n');
      const users = (argv: string[], env: Record<string, string>) => {
        const result = loadConfig(argv, env);
        return result.ok ? result.config.tokens.map((t) => t.user) : result.issues;
      };
      expect(users(['--tokens-file', file], TOKENS)).toEqual(['dave']);
      expect(users(['--tokens', 'bob:viewer:v1', '--tokens-file', file], {})).toEqual(['bob']);
      expect(users([], { ...TOKENS, FLEET_TOKENS_FILE: file })).toEqual(['alice']);
    });

    it('rejects a secret used twice and an unreadable file', () => {
      expect(loadConfig(['--tokens', 'a:viewer:same,b:operator:same'], {}).ok).toBe(false);
      const missing = loadConfig(['--tokens-file', '/nonexistent/tokens'], {});
      expect(missing.ok === false && missing.issues[0]).toMatch(/--tokens-file: cannot read/);
    });
  });
});
