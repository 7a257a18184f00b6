import { readFileSync } from 'node:fs';
import type { NatsAuthFiles } from '@fleet/app-config';
import { nkeyAuthenticator, usernamePasswordAuthenticator, type Authenticator, type TlsOptions } from '@nats-io/transport-node';

/** What a connection adds to its servers and name: how it authenticates, and TLS. */
export interface NatsAuthOptions {
  readonly authenticator?: Authenticator;
  readonly tls?: TlsOptions;
}

/** A credential file that cannot be used; the message names the setting, never the file's contents. */
export class NatsCredentialsError extends Error {
  override readonly name = 'NatsCredentialsError';
}

const SEED = /^SU[A-Z2-7]{56}$/;

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
 * for: an nkey or user/password authenticator and TLS with the CA, certificate and key given. No
 * file: anonymous, without TLS. Throws {@link NatsCredentialsError} on a missing or malformed
 * file; the message never contains a secret.
 */
export function natsAuthOptions(files: NatsAuthFiles): NatsAuthOptions {
  let authenticator: Authenticator | undefined;
  if (files.nkeyFile !== undefined) {
    const seed = firstLine(readSecret(files.nkeyFile, '--nats-nkey-file'));
    if (!SEED.test(seed)) throw new NatsCredentialsError(`--nats-nkey-file ${files.nkeyFile} does not hold an nkey user seed (a line starting with SU)`);
    authenticator = nkeyAuthenticator(new TextEncoder().encode(seed));
  } else if (files.userFile !== undefined) {
    const line = firstLine(readSecret(files.userFile, '--nats-user-file'));
    const colon = line.indexOf(':');
    if (colon <= 0 || colon === line.length - 1) throw new NatsCredentialsError(`--nats-user-file ${files.userFile} must hold <user>:<password> on its first line`);
    authenticator = usernamePasswordAuthenticator(line.slice(0, colon), line.slice(colon + 1));
  }
  const tls: TlsOptions = {};
  if (files.tlsCaFile !== undefined) tls.ca = readSecret(files.tlsCaFile, '--nats-tls-ca');
  if (files.tlsCertFile !== undefined) tls.cert = readSecret(files.tlsCertFile, '--nats-tls-cert');
  if (files.tlsKeyFile !== undefined) tls.key = readSecret(files.tlsKeyFile, '--nats-tls-key');
  return { authenticator, tls: Object.keys(tls).length > 0 ? tls : undefined };
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
