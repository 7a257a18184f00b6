import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { NatsLink } from './nats-link';

/**
 * Follows the transport connection (the one status arrives on) so that the offline sweep knows
 * when the controller itself could not hear; never throws into the caller.
 */
export function watchTransport(transport: NatsConnection, link: NatsLink, logger: Logger): void {
  void (async () => {
    for await (const status of transport.status()) {
      if (status.type === 'disconnect') link.transportDisconnected();
      else if (status.type === 'reconnect') link.transportReconnected(Date.now());
    }
  })().catch((err: unknown) => logger.error({ err }, 'transport status watch failed'));
}
