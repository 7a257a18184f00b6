import { loadConfig } from './load';
import { NATS_AUTH_SETTINGS, readNatsAuth } from './nats-auth';
import { renderHelp } from './render';
import { defineSchema } from './setting';

const schema = defineSchema({ name: 'demo', summary: 'a demo', usage: 'demo [options]' }, NATS_AUTH_SETTINGS);
const load = (argv: string[], env: Record<string, string> = {}) => loadConfig(schema, argv, env, (b) => readNatsAuth(b));

describe('nats auth settings - credential files', () => {
  it('reads every credential file from flags or FLEET_* variables, as absolute paths', () => {
    const result = load(['--nats-nkey-file', '/run/secrets/agent.nk', '--nats-tls-ca', 'ca.pem'], { FLEET_NATS_TLS_CERT_FILE: '/c.pem', FLEET_NATS_TLS_KEY_FILE: '/k.pem' });
    expect(result).toEqual({
      ok: true,
      config: { nkeyFile: '/run/secrets/agent.nk', userFile: undefined, tlsCaFile: `${process.cwd()}/ca.pem`, tlsCertFile: '/c.pem', tlsKeyFile: '/k.pem' },
    });
  });

  it('is anonymous when nothing is given', () => {
    expect(load([])).toEqual({ ok: true, config: { nkeyFile: undefined, userFile: undefined, tlsCaFile: undefined, tlsCertFile: undefined, tlsKeyFile: undefined } });
  });

  it('refuses an nkey and a user file together, and a certificate without its key', () => {
    expect(load(['--nats-nkey-file', '/a', '--nats-user-file', '/b'])).toEqual({ ok: false, issues: ['--nats-user-file: give an nkey or a user file, not both'] });
    const noKey = load(['--nats-tls-cert', '/c.pem']);
    expect(noKey.ok).toBe(false);
    expect(noKey.ok ? [] : noKey.issues).toEqual([expect.stringContaining('--nats-tls-cert: a client certificate needs its key')]);
  });

  it('--help lists the flags and variables, never a value', () => {
    const help = renderHelp(schema);
    for (const name of ['--nats-nkey-file', 'FLEET_NATS_NKEY_FILE', '--nats-user-file', '--nats-tls-ca', '--nats-tls-cert', '--nats-tls-key']) expect(help).toContain(name);
  });
});
