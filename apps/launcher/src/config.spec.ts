import { loadConfig } from './config';

describe('launcher config - sources', () => {
  it('defaults to 3 cameras, 2 stages and port 8080', () => {
    const config = loadConfig([], { PATH: '/usr/bin' });
    expect(config.ok && config.config).toMatchObject({ cameras: 3, stages: 2, port: 8080, natsUrl: undefined, controllers: 1, natsNodes: 1, partitions: 16, path: '/usr/bin' });
  });

  it('prefers flags over FLEET_* env', () => {
    const config = loadConfig(['--cameras', '5'], { FLEET_SIM_CAMERAS: '7', FLEET_SIM_STAGES: '1', NATS_URL: 'nats://h:1' });
    expect(config.ok && config.config).toMatchObject({ cameras: 5, stages: 1, natsUrl: ['nats://h:1'] });
  });

  it('rejects a bad value with the field named', () => {
    expect(loadConfig(['--port', 'eighty'], {})).toEqual({ ok: false, issues: ['--port: must be a whole number in [0, 65535]'] });
    expect(loadConfig(['--nope'], {})).toEqual({ ok: false, issues: ['unknown option --nope'] });
  });
});

describe('launcher config - nats url', () => {
  it('takes a comma-separated list of servers, blanks ignored', () => {
    const config = loadConfig(['--nats-url', 'nats://a:1, nats://b:2,'], { NATS_URL: 'nats://ignored:1' });
    expect(config.ok && config.config.natsUrl).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('refuses an empty list and an entry that is not a URL', () => {
    for (const url of [' , ', 'nats://a:1,b:2']) {
      const config = loadConfig([], { NATS_URL: url });
      expect(config).toEqual({ ok: false, issues: [expect.stringMatching(/^NATS_URL: /)] });
    }
  });
});

describe('launcher config - replicas and partitions', () => {
  it('reads controllers, broker nodes and partitions from flags over env', () => {
    const config = loadConfig(['--controllers', '3', '--nats-nodes', '3'], { FLEET_CONTROLLERS: '2', FLEET_PARTITIONS: '8' });
    expect(config.ok && config.config).toMatchObject({ controllers: 3, natsNodes: 3, partitions: 8 });
  });

  it('refuses broker node counts other than 1 and 3, zero controllers and partitions past the maximum', () => {
    const cases: Array<{ argv: string[]; issue: string }> = [
      { argv: ['--nats-nodes', '2'], issue: '--nats-nodes: must be one of: 1, 3' },
      { argv: ['--controllers', '0'], issue: '--controllers: must be within [1, 16]' },
      { argv: ['--partitions', '5000'], issue: '--partitions: must be within [1, 1024]' },
    ];
    for (const { argv, issue } of cases) {
      expect({ argv, result: loadConfig(argv, {}) }).toEqual({ argv, result: { ok: false, issues: [issue] } });
    }
  });

  it('refuses a cluster size for a broker it does not start', () => {
    const config = loadConfig(['--nats-nodes', '3'], { NATS_URL: 'nats://h:1' });
    expect(config).toEqual({ ok: false, issues: [expect.stringMatching(/^--nats-nodes: the broker is given by NATS_URL/)] });
  });
});

describe('launcher config - credentials on a given broker', () => {
  it('reads the shared credential settings and a keys folder, as paths', () => {
    const config = loadConfig(['--nats-url', 'nats://h:1', '--nats-keys-dir', '/keys', '--nats-tls-ca', '/ca.pem'], {});
    expect(config.ok && config.config).toMatchObject({ natsKeysDir: '/keys', natsAuth: { tlsCaFile: '/ca.pem', nkeyFile: undefined } });
    const shared = loadConfig([], { NATS_URL: 'nats://h:1', FLEET_NATS_NKEY_FILE: '/dev.nk' });
    expect(shared.ok && shared.config.natsAuth.nkeyFile).toBe('/dev.nk');
  });

  it('refuses credentials without --nats-url, and a keys folder together with one key for all', () => {
    expect(loadConfig(['--nats-keys-dir', '/keys'], {})).toEqual({ ok: false, issues: [expect.stringMatching(/^--nats-keys-dir: credentials are for a broker given by --nats-url/)] });
    expect(loadConfig(['--nats-nkey-file', '/a.nk'], {})).toEqual({ ok: false, issues: [expect.stringMatching(/^--nats-nkey-file: credentials are for a broker given by --nats-url/)] });
    const both = loadConfig(['--nats-url', 'nats://h:1', '--nats-keys-dir', '/keys', '--nats-nkey-file', '/a.nk'], {});
    expect(both).toEqual({ ok: false, issues: [expect.stringMatching(/^--nats-keys-dir: give a keys folder or one nkey/)] });
  });
});
