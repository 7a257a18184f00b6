import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { Subject, type Observable } from 'rxjs';
import { ROOT_LOGGER } from '../core/tokens';
import { NATS_CONNECTION } from './nats.constants';

/** Logs connection changes, announces reconnects, and drains the connection at shutdown. */
@Injectable()
export class NatsLifecycleService implements OnModuleInit, OnApplicationShutdown {
  private readonly reconnects = new Subject<void>();
  private readonly log: Logger;
  private linkUp = true;

  /** Emits after every successful reconnect to the broker. */
  readonly reconnected$: Observable<void> = this.reconnects.asObservable();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'nats' });
  }

  /** True while the broker connection is up (the provider only resolves once connected). */
  get connected(): boolean {
    return this.linkUp && !this.nc.isClosed() && !this.nc.isDraining();
  }

  onModuleInit(): void {
    void this.watchStatus();
  }

  async onApplicationShutdown(): Promise<void> {
    this.reconnects.complete();
    if (this.nc.isClosed() || this.nc.isDraining()) return;
    try {
      await this.nc.drain();
    } catch (err) {
      this.log.warn({ err }, 'NATS drain failed');
    }
  }

  private async watchStatus(): Promise<void> {
    try {
      for await (const status of this.nc.status()) {
        switch (status.type) {
          case 'disconnect':
            this.linkUp = false;
            this.log.warn({ server: status.server }, 'NATS disconnected');
            break;
          case 'reconnect':
            this.linkUp = true;
            this.log.info({ server: status.server }, 'NATS reconnected');
            this.reconnects.next();
            break;
          case 'error':
            this.log.warn({ err: status.error }, 'NATS error');
            break;
          default:
            break;
        }
      }
    } catch (err) {
      this.log.error({ err }, 'NATS status watcher stopped');
    }
  }
}
