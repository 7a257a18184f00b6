import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { natsAuthOptions } from '@fleet/nats-auth';
import { deploymentIdentities, seedFile, writeDeploymentKeys } from '../src/broker-keys';
import { AUTHORIZATION_CONF_NAME } from '../src/nats-config';
import { KEYS_DIR, REPO_ROOT, SECURITY_DOC } from '../src/paths';
import { renderPermissionTable } from '../src/permissions-doc';
import { readSection } from '../src/readme-sections';

/** An nkey user seed as nkeys encodes it: `SU` and 56 base32 characters. */
const SEED = /SU[A-Z2-7]{56}/;

/** Every file git would commit: tracked, and untracked but not ignored. */
function committable(): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return out.split('\0').filter((f) => f !== '');
}

/** The files of `files` (relative to `root`) that hold a seed. */
function filesWithSeed(root: string, files: readonly string[]): string[] {
  return files.filter((f) => {
    const file = path.join(root, f);
    try {
      return statSync(file).isFile() && statSync(file).size < 10_000_000 && SEED.test(readFileSync(file, 'latin1'));
    } catch {
      return false; // deleted in the working tree
    }
  });
}

describe('security - deployment keys', () => {
  it('seeds - no file git would commit holds an nkey seed', () => {
    const files = committable();
    expect(files.length).toBeGreaterThan(100);
    expect(filesWithSeed(REPO_ROOT, files)).toEqual([]);
  });

  it('seeds - the scan finds a seed where there is one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-seed-scan-'));
    try {
      writeDeploymentKeys(dir);
      expect(filesWithSeed(dir, [seedFile('controller'), AUTHORIZATION_CONF_NAME, 'kustomization.yaml', 'missing.nk'])).toEqual([seedFile('controller')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keys folder - git ignores deploy/secrets/', () => {
    const ignored = (f: string): boolean => {
      try {
        execFileSync('git', ['check-ignore', '-q', f], { cwd: REPO_ROOT, stdio: 'ignore' });
        return true;
      } catch {
        return false;
      }
    };
    for (const name of [seedFile('controller'), AUTHORIZATION_CONF_NAME, 'kustomization.yaml']) expect({ name, ignored: ignored(path.join(KEYS_DIR, name)) }).toEqual({ name, ignored: true });
  });

  it('deploy:keys - a usable seed per identity, the users hold public keys only, an existing folder is refused', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-deploy-keys-'));
    try {
      const creds = writeDeploymentKeys(dir);
      expect(creds.users.map((u) => u.name).sort()).toEqual(deploymentIdentities().map((i) => i.name).sort());
      expect(creds.users.map((u) => u.name)).not.toContain('harness');
      for (const identity of deploymentIdentities()) expect(natsAuthOptions({ nkeyFile: path.join(dir, seedFile(identity.name)) }).authenticator).toBeDefined();
      const users = readFileSync(path.join(dir, AUTHORIZATION_CONF_NAME), 'utf8');
      for (const u of creds.users) expect(users).toContain(u.publicKey);
      expect(SEED.test(users) || SEED.test(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'))).toBe(false);
      expect(statSync(dir).mode & 0o077).toBe(0);
      expect(() => writeDeploymentKeys(dir)).toThrow(/already holds keys/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('docs - security.md\'s permission table is current (npm run docs:deploy rewrites it from @fleet/nats-auth)', () => {
    expect(readSection(readFileSync(SECURITY_DOC, 'utf8'), 'permissions')).toBe(renderPermissionTable());
  });
});
