import { readFileSync } from 'node:fs';
import type { NatsAuthFiles } from '@fleet/app-config';
import { fromSeed } from '@nats-io/nkeys';
import { nkeyAuthenticator, usernamePasswordAuthenticator, type Authenticator, type TlsOptions } from '@nats-io/transport-node';
import { inboxPrefixOf } from './inbox';

/** What a connection adds to its servers and name: how it authenticates, its private inbox, and TLS. */
export interface NatsAuthOptions {
  readonly authenticator?: Authenticator;
  /** `_INBOX_<public key or user>` when authenticated: the only inbox the broker lets it read. */
  readonly inboxPrefix?: string;
  readonly tls?: TlsOptions;
}

/** A credential file that cannot be used; the message names the setting, never the file's contents. */
export class NatsCredentialsError extends Error {
  override readonly name = 'NatsCredentialsError';
}

const SEED = /^SU[A-Z2-7]{56}$/;
/** A user name that can also name the user's inbox (one subject token). */
const USER = /^[A-Za-z0-9_-]+$/;

function readSecret(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'unreadable';
    throw new NatsCredentialsError(`${what} ${file} cannot be read (${code})`);
  }
}

/** The first non-blank line of a file's text. */
function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}

/**
 * Reads the credential files once (at start-up) and returns the connection options they stand
 * for: an nkey or user/password authenticator, the private inbox prefix of that key or user
 * ({@link inboxPrefixOf}) and TLS with the CA, certificate and key given. No file: anonymous, with
 * the default inbox, without TLS. Throws {@link NatsCredentialsError} on a missing or malformed
 * file; the message never contains a secret.
 */
export function natsAuthOptions(files: NatsAuthFiles): NatsAuthOptions {
  let authenticator: Authenticator | undefined;
  let inboxPrefix: string | undefined;
  if (files.nkeyFile !== undefined) {
    const seed = firstLine(readSecret(files.nkeyFile, '--nats-nkey-file'));
    if (!SEED.test(seed)) throw new NatsCredentialsError(`--nats-nkey-file ${files.nkeyFile} does not hold an nkey user seed (a line starting with SU)`);
    const bytes = new TextEncoder().encode(seed);
    authenticator = nkeyAuthenticator(bytes);
    inboxPrefix = inboxPrefixOf(fromSeed(bytes).getPublicKey());
  } else if (files.userFile !== undefined) {
    const line = firstLine(readSecret(files.userFile, '--nats-user-file'));
    const colon = line.indexOf(':');
    if (colon <= 0 || colon === line.length - 1) throw new NatsCredentialsError(`--nats-user-file ${files.userFile} must hold <user>:<password> on its first line`);
    const user = line.slice(0, colon);
    if (!USER.test(user)) throw new NatsCredentialsError(`--nats-user-file ${files.userFile}: the user name must be letters, digits, _ and - (it names the user's inbox)`);
    authenticator = usernamePasswordAuthenticator(user, line.slice(colon + 1));
    inboxPrefix = inboxPrefixOf(user);
  }
  const tls: TlsOptions = {};
  if (files.tlsCaFile !== undefined) tls.ca = readSecret(files.tlsCaFile, '--nats-tls-ca');
  if (files.tlsCertFile !== undefined) tls.cert = readSecret(files.tlsCertFile, '--nats-tls-cert');
  if (files.tlsKeyFile !== undefined) tls.key = readSecret(files.tlsKeyFile, '--nats-tls-key');
  return { authenticator, inboxPrefix, tls: Object.keys(tls).length > 0 ? tls : undefined };
}

/** The command-line flags that hand `files` to an app: paths only, so nothing secret on a command line. */
export function natsAuthArgs(files: NatsAuthFiles): string[] {
  const args: string[] = [];
  if (files.nkeyFile !== undefined) args.push('--nats-nkey-file', files.nkeyFile);
  if (files.userFile !== undefined) args.push('--nats-user-file', files.userFile);
  if (files.tlsCaFile !== undefined) args.push('--nats-tls-ca', files.tlsCaFile);
  if (files.tlsCertFile !== undefined) args.push('--nats-tls-cert', files.tlsCertFile);
  if (files.tlsKeyFile !== undefined) args.push('--nats-tls-key', files.tlsKeyFile);
  return args;
}
