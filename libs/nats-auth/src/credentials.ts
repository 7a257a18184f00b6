import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import type { NatsAuthFiles } from '@fleet/app-config';
import { checkIdentities, type Identity } from './identities';
import { permissionsOf } from './permissions';
import { renderAuthorization, type AuthorizedUser } from './server-config';

/** Keys and the broker's authorization for a set of identities, written into one folder. */
export interface FleetCredentials {
  /** The folder holding `<name>.nk` (one seed per identity, mode 0600). */
  readonly dir: string;
  /** The nats-server `authorization` block for these identities (no secret in it: public keys only). */
  readonly authorization: string;
  readonly users: readonly AuthorizedUser[];
  /** The credential files of one identity; throws for a name not generated here. */
  filesFor(name: string): NatsAuthFiles;
}

/**
 * Creates one nkey user per identity, writes each seed to `<dir>/<name>.nk` (readable by the
 * owner only) and renders the broker's authorization for a broker of `partitions` partitions.
 * For a local fleet and the tests: a deployment creates its keys once and keeps the seeds in
 * its secret store (docs/security.md).
 */
export function generateCredentials(dir: string, identities: readonly Identity[], partitions: number): FleetCredentials {
  checkIdentities(identities);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files = new Map<string, string>();
  const users = identities.map((identity): AuthorizedUser => {
    const pair = createUser();
    const file = join(dir, `${identity.name}.nk`);
    writeFileSync(file, `${new TextDecoder().decode(pair.getSeed())}\n`, { mode: 0o600 });
    files.set(identity.name, file);
    return { name: identity.name, publicKey: pair.getPublicKey(), permissions: permissionsOf(identity, partitions) };
  });
  return {
    dir,
    authorization: renderAuthorization(users),
    users,
    filesFor(name) {
      const nkeyFile = files.get(name);
      if (nkeyFile === undefined) throw new Error(`no credentials were generated for identity "${name}"`);
      return { nkeyFile };
    },
  };
}
