import net from 'node:net';
import type { SimDeviceStats } from '@fleet/contracts';
import type { Logger } from 'pino';
import { commandWord, type SimDevice } from './device-sim';
import { LineSplitter } from '@fleet/line-protocol';

/** After the device closes a connection, how long the peer gets to close its side. */
const CLOSE_GRACE_MS = 1000;

/** What a `garbage` fault answers: not a line any protocol defines, with control and 8-bit bytes. */
export const GARBAGE_REPLY = '#\u00ff\u0007garbage\u0001';

/** Faults applied to every line the server receives; read per line, so they act at once. */
export interface LineFaults {
  /** Read lines, never reply. */
  hang: boolean;
  /** Added delay before each reply, ms (0 = none). */
  latencyMs: number;
  /** Answer every line with {@link GARBAGE_REPLY}. */
  garbage: boolean;
}

/** One device served on one TCP port; any number of clients share its state. */
export interface LineServer {
  readonly port: number;
  readonly faults: LineFaults;
  /** True while the server does not listen (connects are refused). */
  readonly refusing: boolean;
  /** Lines received so far, by command word (`''` counts empty lines). */
  counts(): Record<string, number>;
  stats(): SimDeviceStats;
  /** Closes every open connection now (the device drops its link). */
  dropConnections(): void;
  /** Stops listening and drops every connection, so that connects are refused. */
  refuse(): Promise<void>;
  /** Listens again on the same port after {@link refuse}. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/**
 * Serves `device` on `host:port` (port 0 picks a free one), applying the faults in `faults`.
 * Resolves once listening; rejects when the port cannot be bound.
 */
export async function startLineServer(device: SimDevice, host: string, port: number, log: Logger): Promise<LineServer> {
  const sockets = new Set<net.Socket>();
  const counts = new Map<string, number>();
  const faults: LineFaults = { hang: false, latencyMs: 0, garbage: false };
  const stats = { connections: 0, lines: 0, maxInFlight: 0 };
  let refusing = false;

  const serveSocket = (socket: net.Socket): void => {
    sockets.add(socket);
    stats.connections++;
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    const splitter = new LineSplitter();
    let closing = false;
    /** Lines received on this connection whose reply is not yet written. */
    let inFlight = 0;
    /** When the last delayed reply goes out: replies keep their order under added latency. */
    let lastReplyAt = 0;
    const closeSoon = (): void => {
      closing = true;
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    };
    const answer = (text: string | null, close: boolean): void => {
      if (socket.destroyed || closing) return;
      inFlight--;
      if (text !== null) socket.write(`${text}\n`);
      if (close) closeSoon();
    };
    socket.on('data', (chunk: string) => {
      if (closing) return;
      const lines = splitter.push(chunk);
      if (lines === null) {
        log.warn({ remote: socket.remoteAddress }, 'line too long, closing connection');
        closeSoon();
        return;
      }
      for (const line of lines) {
        const word = commandWord(line);
        counts.set(word, (counts.get(word) ?? 0) + 1);
        stats.lines++;
        stats.maxInFlight = Math.max(stats.maxInFlight, ++inFlight);
        if (faults.hang) continue;
        const result = faults.garbage ? { reply: GARBAGE_REPLY, close: false } : device.handleLine(line, Date.now());
        if (faults.latencyMs === 0 && lastReplyAt <= Date.now()) {
          answer(result.reply, result.close);
        } else {
          const now = Date.now();
          lastReplyAt = Math.max(now + faults.latencyMs, lastReplyAt);
          setTimeout(() => answer(result.reply, result.close), lastReplyAt - now).unref();
        }
        if (result.close) return;
      }
    });
    // Client resets are normal for a device; nothing to do but forget the socket.
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };

  let server = net.createServer(serveSocket);
  const boundPort = await listen(server, port, host);
  server.on('error', (err) => log.error({ err }, 'server error'));
  const dropConnections = (): void => {
    for (const socket of sockets) socket.destroy();
  };
  const stopListening = (): Promise<void> =>
    new Promise((done) => {
      dropConnections();
      if (!server.listening) return done();
      server.close(() => done());
    });

  return {
    port: boundPort,
    faults,
    get refusing() {
      return refusing;
    },
    counts: () => Object.fromEntries(counts),
    stats: () => ({ ...stats, open: sockets.size, commands: Object.fromEntries(counts) }),
    dropConnections,
    async refuse() {
      refusing = true;
      await stopListening();
    },
    async accept() {
      if (!refusing) return;
      refusing = false;
      server = net.createServer(serveSocket);
      await listen(server, boundPort, host);
      server.on('error', (err) => log.error({ err }, 'server error'));
    },
    close: stopListening,
  };
}
