import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Ports handed out below the kernel's ephemeral range. A port the OS hands out for `listen(0)`
 * comes from the ephemeral range, which is also where every outgoing connection's source port
 * comes from: between our check and the server's bind, a client elsewhere on the machine could
 * take it ("address already in use"). Below that range only explicit binds compete.
 */
const LOWEST_PORT = 20_000;
/** Used when the kernel's range cannot be read (not Linux). */
const DEFAULT_EPHEMERAL_START = 32_768;
const ATTEMPTS = 200;

/** Ports this process already handed out: two callers in one process never get the same one. */
const handedOut = new Set<number>();

/** The first port of the kernel's ephemeral range (`net.ipv4.ip_local_port_range`). */
export function ephemeralRangeStart(read: () => string = () => readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')): number {
  try {
    const first = Number(read().trim().split(/\s+/)[0]);
    return Number.isInteger(first) && first > LOWEST_PORT + 1000 ? first : DEFAULT_EPHEMERAL_START;
  } catch {
    return DEFAULT_EPHEMERAL_START;
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on 127.0.0.1 for a server to listen on: random, below the ephemeral range so
 * that no outgoing connection takes it before the server binds, and never one this process
 * handed out before.
 */
export async function freePort(random: () => number = Math.random): Promise<number> {
  const end = ephemeralRangeStart();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const port = LOWEST_PORT + Math.floor(random() * (end - LOWEST_PORT));
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port found in ${LOWEST_PORT}-${end - 1} after ${ATTEMPTS} attempts`);
}
