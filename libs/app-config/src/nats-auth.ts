import type { Builder } from './load';
import { filePath } from './parsers';
import { optional, type Setting } from './setting';

/**
 * Where a process finds its NATS credentials: paths only, never the secrets themselves. The
 * files are read once at start-up by `natsAuthOptions` (`@fleet/nats-auth`); every field unset
 * means an anonymous connection, as to a broker that asks for nothing.
 */
export interface NatsAuthFiles {
  /** An nkey user seed (`SU...`), the file `nsc` or the generator writes. */
  readonly nkeyFile?: string;
  /** A user and password, `<user>:<password>` on the first line. */
  readonly userFile?: string;
  /** The CA that signed the broker's certificate (PEM); turns TLS on. */
  readonly tlsCaFile?: string;
  /** This client's certificate (PEM), for a broker that verifies clients. */
  readonly tlsCertFile?: string;
  /** The key of `tlsCertFile` (PEM). */
  readonly tlsKeyFile?: string;
}

/**
 * The credential settings every program that talks to NATS includes in its schema, once:
 * `...NATS_AUTH_SETTINGS`. Each is a file path; the values are marked secret so that an issue
 * never echoes them.
 */
export const NATS_AUTH_SETTINGS = {
  natsNkeyFile: optional({
    flag: 'nats-nkey-file',
    env: 'FLEET_NATS_NKEY_FILE',
    parser: filePath('<file>'),
    secret: true,
    description: 'file holding this process\'s NATS nkey seed (`SU...`); the broker decides what the key may do',
  }),
  natsUserFile: optional({
    flag: 'nats-user-file',
    env: 'FLEET_NATS_USER_FILE',
    parser: filePath('<file>'),
    secret: true,
    description: 'file holding a NATS `user:password` on its first line (instead of an nkey)',
  }),
  natsTlsCa: optional({
    flag: 'nats-tls-ca',
    env: 'FLEET_NATS_TLS_CA_FILE',
    parser: filePath('<file>'),
    description: 'CA certificate (PEM) that signed the broker\'s certificate; connects with TLS',
  }),
  natsTlsCert: optional({
    flag: 'nats-tls-cert',
    env: 'FLEET_NATS_TLS_CERT_FILE',
    parser: filePath('<file>'),
    description: 'client certificate (PEM) for a broker that verifies clients; needs `--nats-tls-key`',
  }),
  natsTlsKey: optional({
    flag: 'nats-tls-key',
    env: 'FLEET_NATS_TLS_KEY_FILE',
    parser: filePath('<file>'),
    secret: true,
    description: 'key (PEM) of the client certificate',
  }),
} as const satisfies Record<string, Setting<string | undefined>>;

/** Reads the credential settings, refusing combinations that cannot work. */
export function readNatsAuth({ read, report }: Pick<Builder, 'read' | 'report'>): NatsAuthFiles {
  const s = NATS_AUTH_SETTINGS;
  const files: NatsAuthFiles = {
    nkeyFile: read(s.natsNkeyFile),
    userFile: read(s.natsUserFile),
    tlsCaFile: read(s.natsTlsCa),
    tlsCertFile: read(s.natsTlsCert),
    tlsKeyFile: read(s.natsTlsKey),
  };
  if (files.nkeyFile !== undefined && files.userFile !== undefined) report(s.natsUserFile, 'give an nkey or a user file, not both');
  if ((files.tlsCertFile === undefined) !== (files.tlsKeyFile === undefined)) report(s.natsTlsCert, 'a client certificate needs its key (--nats-tls-key), and a key its certificate');
  return files;
}
