import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Where Debian's `nats-server` package installs the binary. */
export const DEBIAN_NATS_SERVER = '/usr/sbin/nats-server';

/** Raised when no nats-server binary can be found. */
export class NatsServerNotFoundError extends Error {
  override readonly name = 'NatsServerNotFoundError';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the nats-server binary: `explicit` if given, else `nats-server` on `searchPath`, else the
 * Debian location.
 */
export function findNatsServerBinary(explicit: string | undefined, searchPath = ''): string {
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new NatsServerNotFoundError(`nats-server binary ${explicit} is not executable`);
  }
  const candidates = [...searchPath.split(delimiter).filter(Boolean).map((dir) => join(dir, 'nats-server')), DEBIAN_NATS_SERVER];
  const found = candidates.find(isExecutable);
  if (!found) {
    throw new NatsServerNotFoundError(
      'nats-server not found on PATH or at /usr/sbin/nats-server: install it (apt-get install nats-server) or set NATS_URL',
    );
  }
  return found;
}
