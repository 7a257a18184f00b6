import type { NatsAuthOptions } from '@fleet/nats-auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { MessageSink } from './status-publisher';

export interface BusOptions {
  /** The broker's servers; nats.js picks one and fails over to the others. */
  readonly servers: readonly string[];
  /** Credentials and TLS, read from their files at start-up. */
  readonly auth: NatsAuthOptions;
  readonly name: string;
  readonly log: Logger;
  /** Called once connected (`first` true) and after every reconnect. */
  readonly onConnected: (nc: NatsConnection, first: boolean) => void;
}

/** The agent's broker connection. */
export interface Bus extends MessageSink {
  /** Drains (bounded by `timeoutMs`) and closes; safe before the first connect. */
  close(timeoutMs: number): Promise<void>;
}

const RECONNECT_WAIT_MS = 250;

/**
 * Connects in the background, retrying forever (the broker may start after the agent) and
 * reconnecting forever. `publish` sends only while connected: nats.js would otherwise buffer
 * every status published during an outage.
 */
export function startBus(options: BusOptions): Bus {
  const { log } = options;
  let nc: NatsConnection | null = null;
  let connected = false;
  let closing = false;

  const watch = async (conn: NatsConnection): Promise<void> => {
    for await (const status of conn.status()) {
      if (status.type === 'disconnect') {
        connected = false;
        log.warn({ server: status.server }, 'nats disconnected');
      } else if (status.type === 'reconnect') {
        connected = true;
        log.info({ server: status.server }, 'nats reconnected');
        options.onConnected(conn, false);
      }
    }
  };

  connect({
    servers: [...options.servers],
    name: options.name,
    ...options.auth,
    maxReconnectAttempts: -1,
    reconnectTimeWait: RECONNECT_WAIT_MS,
    reconnectJitter: 100,
    waitOnFirstConnect: true,
    pingInterval: 5000,
    maxPingOut: 2,
  }).then(
    (conn) => {
      if (closing) return void conn.close();
      nc = conn;
      connected = true;
      log.info({ server: conn.getServer() }, 'nats connected');
      void watch(conn).catch((err: unknown) => log.error({ err }, 'nats status watch failed'));
      options.onConnected(conn, true);
    },
    (err: unknown) => log.error({ err }, 'nats connect failed'),
  );

  return {
    publish(subject, payload) {
      if (!nc || !connected || closing) return false;
      try {
        nc.publish(subject, payload);
        return true;
      } catch (err) {
        log.warn({ err, subject }, 'nats publish failed');
        return false;
      }
    },
    async close(timeoutMs) {
      closing = true;
      const conn = nc;
      if (!conn || conn.isClosed()) return;
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
      await Promise.race([conn.drain().catch(() => undefined), deadline]);
      if (!conn.isClosed()) await conn.close().catch(() => undefined);
    },
  };
}
