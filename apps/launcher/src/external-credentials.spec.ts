import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { externalCredentials } from './external-credentials';

describe('external credentials - which files each process gets on a given broker', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'launcher-keys-'));
    for (const name of ['controller', 'agent-pool', 'agent-camera-1']) writeFileSync(join(dir, `${name}.nk`), 'seed\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is anonymous when nothing is given', () => {
    expect(externalCredentials({}, undefined)).toBeUndefined();
  });

  it('gives every process the shared files', () => {
    const files = { nkeyFile: '/dev.nk', tlsCaFile: '/ca.pem' };
    expect(externalCredentials(files, undefined)?.('gateway')).toEqual(files);
  });

  it('gives each identity its own seed from a keys folder, agents without one the pool\'s, and TLS to all', () => {
    const of = externalCredentials({ tlsCaFile: '/ca.pem' }, dir);
    expect(of?.('controller')).toEqual({ nkeyFile: join(dir, 'controller.nk'), tlsCaFile: '/ca.pem', tlsCertFile: undefined, tlsKeyFile: undefined });
    expect(of?.('agent-camera-1')?.nkeyFile).toBe(join(dir, 'agent-camera-1.nk'));
    expect(of?.('agent-stage-1')?.nkeyFile).toBe(join(dir, 'agent-pool.nk'));
  });
});
