import type { FactoryProvider } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { connectionOptions } from './connection-options';
import { NATS_CONNECTION } from './nats.constants';

/** Logs the connection's status changes until it closes; never throws into the caller. */
async function watchStatus(nc: NatsConnection, logger: Logger): Promise<void> {
  for await (const status of nc.status()) {
    if (status.type === 'ping' || status.type === 'slowConsumer') continue;
    logger.info({ nats: status.type }, 'nats connection status');
  }
}

/**
 * The controller's own connection. The transport's connection only exists once the server
 * listens, but state must be loaded from KV before that, so KV, JetStream, publishes and agent
 * requests use this one.
 */
export const natsConnectionProvider: FactoryProvider<Promise<NatsConnection>> = {
  provide: NATS_CONNECTION,
  inject: [CONFIG, LOGGER],
  useFactory: async (config: Config, logger: Logger): Promise<NatsConnection> => {
    const nc = await connect(connectionOptions(config.natsUrl, 'fleet-controller'));
    watchStatus(nc, logger).catch((err: unknown) => logger.error({ err }, 'nats status watch failed'));
    return nc;
  },
};
