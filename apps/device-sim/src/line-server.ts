import net from 'node:net';
import type { Logger } from 'pino';
import { commandWord, type SimDevice } from './device-sim';
import { LineSplitter } from './line-splitter';

/** After the device closes a connection, how long the peer gets to close its side. */
const CLOSE_GRACE_MS = 1000;

/** One device served on one TCP port; any number of clients share its state. */
export interface LineServer {
  readonly port: number;
  /** Lines received so far, by command word (`''` counts empty lines). */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

/**
 * Serves `device` on `host:port` (port 0 picks a free one). Resolves once listening; rejects
 * when the port cannot be bound.
 */
export function startLineServer(device: SimDevice, host: string, port: number, log: Logger): Promise<LineServer> {
  const sockets = new Set<net.Socket>();
  const counts = new Map<string, number>();

  const serveSocket = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.setEncoding('latin1');
    socket.setNoDelay(true);
    const splitter = new LineSplitter();
    let closing = false;
    const closeSoon = (): void => {
      closing = true;
      socket.end();
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
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
        const result = device.handleLine(line, Date.now());
        if (result.reply !== null) socket.write(`${result.reply}\n`);
        if (result.close) {
          closeSoon();
          return;
        }
      }
    });
    // Client resets are normal for a device; nothing to do but forget the socket.
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  };

  const server = net.createServer(serveSocket);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.on('error', (err) => log.error({ err }, 'server error'));
      const address = server.address();
      const boundPort = typeof address === 'object' && address !== null ? address.port : port;
      resolve({
        port: boundPort,
        counts: () => Object.fromEntries(counts),
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
