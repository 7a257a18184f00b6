import type { FactoryProvider } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { connectionOptions } from './connection-options';
import { NatsLink } from './nats-link';
import { LEASE_CONNECTION, NATS_CONNECTION } from './nats.constants';

/** Follows the connection's status changes until it closes (log, gauge, health); never throws into the caller. */
async function watchStatus(nc: NatsConnection, logger: Logger, link: NatsLink, metrics: MetricsService): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'ping' || status.type === 'slowConsumer') continue;
    if (status.type === 'disconnect' || status.type === 'reconnect' || status.type === 'close') {
      link.connected = status.type === 'reconnect';
      link.lastStatus = status.type;
      metrics.natsConnected.set(link.connected ? 1 : 0);
    }
    if (status.type === 'disconnect') link.hearingLost();
    if (status.type === 'reconnect') {
      link.hearingBack(Date.now());
      link.reconnected();
    }
    logger.info({ nats: status.type }, 'nats connection status');
  }
  link.connected = false;
  metrics.natsConnected.set(0);
}

/**
 * The controller's own connection: KV, JetStream, publishes, agent requests, and the partition
 * subscriptions that bring status and per-device requests. Nest's transport connection serves
 * only the queue-grouped requests any replica may answer.
 */
export const natsConnectionProvider: FactoryProvider<Promise<NatsConnection>> = {
  provide: NATS_CONNECTION,
  inject: [CONFIG, LOGGER, NatsLink, MetricsService],
  useFactory: async (config: Config, logger: Logger, link: NatsLink, metrics: MetricsService): Promise<NatsConnection> => {
    const nc = await connect(connectionOptions(config.natsUrl, 'fleet-controller', config.natsAuth));
    link.connected = true;
    link.lastStatus = 'connected';
    metrics.natsConnected.set(1);
    watchStatus(nc, logger, link, metrics).catch((err: unknown) => logger.error({ err }, 'nats status watch failed'));
    return nc;
  },
};

/** The lease connection (see LEASE_CONNECTION); its health shows in the main one's. */
export const leaseConnectionProvider: FactoryProvider<Promise<NatsConnection>> = {
  provide: LEASE_CONNECTION,
  inject: [CONFIG],
  useFactory: (config: Config): Promise<NatsConnection> => connect(connectionOptions(config.natsUrl, `fleet-controller-leases ${config.replicaId}`, config.natsAuth)),
};
