import type { FactoryProvider } from '@nestjs/common';
import { natsAuthOptions } from '@fleet/nats-auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, ROOT_LOGGER } from '../core/tokens';
import { NATS_CLIENT_NAME, NATS_CONNECTION } from './nats.constants';

/**
 * Connects once at start-up. The gateway is useless without the broker, so start-up waits for
 * the first connection; after that nats.js reconnects forever on its own.
 */
export const natsConnectionProvider: FactoryProvider<Promise<NatsConnection>> = {
  provide: NATS_CONNECTION,
  inject: [GATEWAY_CONFIG, ROOT_LOGGER],
  useFactory: async (config: GatewayConfig, logger: Logger): Promise<NatsConnection> => {
    logger.info({ servers: config.natsUrl }, 'connecting to NATS');
    const nc = await connect({
      servers: config.natsUrl,
      name: NATS_CLIENT_NAME,
      ...natsAuthOptions(config.natsAuth),
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    logger.info({ server: nc.getServer() }, 'connected to NATS');
    return nc;
  },
};
