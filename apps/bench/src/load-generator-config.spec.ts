import { renderHelp } from '@fleet/app-config';
import { DEFAULT_LOAD_HZ, DEFAULT_LOAD_PREFIX, LOAD_GENERATOR_SCHEMA, loadGeneratorConfig } from './load-generator-config';

describe('load-generator config - nats url', () => {
  it('takes one server or a comma-separated list, blanks ignored', () => {
    const one = loadGeneratorConfig(['--nats-url', 'nats://127.0.0.1:4222', '--devices', '10'], {});
    expect(one.ok && one.config).toEqual({
      natsUrl: ['nats://127.0.0.1:4222'],
      natsAuth: { nkeyFile: undefined, userFile: undefined, tlsCaFile: undefined, tlsCertFile: undefined, tlsKeyFile: undefined },
      devices: 10,
      hz: DEFAULT_LOAD_HZ,
      prefix: DEFAULT_LOAD_PREFIX,
    });
    const many = loadGeneratorConfig(['--nats-url', 'nats://a:1, nats://b:2,', '--devices', '10'], {});
    expect(many.ok && many.config.natsUrl).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('names the server list when it is empty or holds something else', () => {
    for (const url of [' , ', 'nats://a:1,b:2']) {
      const result = loadGeneratorConfig(['--nats-url', url, '--devices', '10'], {});
      expect(!result.ok && result.issues).toEqual([expect.stringMatching(/^--nats-url: /)]);
    }
  });

  it('needs --devices and names a bad prefix', () => {
    expect(loadGeneratorConfig([], {})).toEqual({ ok: false, issues: ['--devices: is required'] });
    const bad = loadGeneratorConfig(['--devices', '10', '--prefix', 'a.b'], {});
    expect(!bad.ok && bad.issues).toEqual([expect.stringMatching(/^--prefix: must be letters, digits/)]);
  });
});

describe('load-generator config - credentials', () => {
  it('takes the shared credential flags as absolute file paths', () => {
    const result = loadGeneratorConfig(['--devices', '10', '--nats-nkey-file', 'keys/load.nk', '--nats-tls-ca', '/etc/ca.pem'], {});
    expect(result.ok && result.config.natsAuth).toMatchObject({ nkeyFile: `${process.cwd()}/keys/load.nk`, tlsCaFile: '/etc/ca.pem' });
    const fromEnv = loadGeneratorConfig(['--devices', '10'], { FLEET_NATS_NKEY_FILE: '/run/keys/load.nk' });
    expect(fromEnv.ok && fromEnv.config.natsAuth.nkeyFile).toBe('/run/keys/load.nk');
  });

  it('refuses an nkey and a user file together, without echoing either path', () => {
    const result = loadGeneratorConfig(['--devices', '10', '--nats-nkey-file', '/k/secret.nk', '--nats-user-file', '/k/secret.user'], {});
    expect(result).toEqual({ ok: false, issues: ['--nats-user-file: give an nkey or a user file, not both'] });
  });

  it('lists the credential flags in its help', () => {
    const help = renderHelp(LOAD_GENERATOR_SCHEMA);
    for (const flag of ['--nats-nkey-file', '--nats-user-file', '--nats-tls-ca', '--nats-tls-cert', '--nats-tls-key']) expect(help).toContain(flag);
  });
});
