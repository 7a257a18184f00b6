import { createServer } from 'node:net';
import { ephemeralRangeStart } from '@fleet/nats-server';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Finds `count` consecutive free TCP ports on 127.0.0.1 and returns the first. They lie below the
 * kernel's ephemeral range, where no outgoing connection can take one before the simulator binds.
 */
export async function freePortRange(count: number, attempts = 50): Promise<number> {
  const end = ephemeralRangeStart();
  for (let attempt = 0; attempt < attempts; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (end - 20_000 - count));
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await isFree(port);
    if (free) return base;
  }
  throw new Error(`no range of ${count} free ports found`);
}
