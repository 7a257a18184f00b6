import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { NatsAuthFiles } from '@fleet/app-config';

/** The identity whose key serves an agent without a key of its own: role-wide agent rights. */
const POOL_AGENT = 'agent-pool';

/**
 * The credential files each process gets on a broker the launcher did not start: from a keys
 * folder (`<identity>.nk`, as `npm run deploy:keys` writes it; an agent without its own
 * `agent-<device>.nk` uses `agent-pool.nk`), else the shared files for every process; the TLS
 * files always. Undefined when nothing is given: anonymous, as to a broker that asks for nothing.
 */
export function externalCredentials(files: NatsAuthFiles, keysDir: string | undefined): ((identity: string) => NatsAuthFiles) | undefined {
  const given = Object.values(files).some((f) => f !== undefined);
  if (keysDir === undefined) return given ? () => files : undefined;
  const tls: NatsAuthFiles = { tlsCaFile: files.tlsCaFile, tlsCertFile: files.tlsCertFile, tlsKeyFile: files.tlsKeyFile };
  return (identity) => {
    const own = join(keysDir, `${identity}.nk`);
    const nkeyFile = identity.startsWith('agent-') && !existsSync(own) ? join(keysDir, `${POOL_AGENT}.nk`) : own;
    return { ...tls, nkeyFile };
  };
}
