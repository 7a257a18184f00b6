import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { LOGGER } from '../logger/logger.constants';
import { LEASE_CONNECTION, NATS_CONNECTION } from './nats.constants';

/** Drains the controller's own connections last, so effects of the final messages still get out. */
@Injectable()
export class NatsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LEASE_CONNECTION) private readonly leaseNc: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      [this.nc, this.leaseNc].map(async (nc) => {
        if (nc.isClosed()) return;
        try {
          await nc.drain();
        } catch (err) {
          this.logger.warn({ err }, 'nats drain failed');
        }
      }),
    );
  }
}
