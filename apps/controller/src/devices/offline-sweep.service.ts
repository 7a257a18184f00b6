import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { DevicesService } from './devices.service';

/**
 * Runs the offline sweep every `sweepMs`. Starts after restore, so restored devices get their
 * full silence allowance from restart time.
 */
@Injectable()
export class OfflineSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly devices: DevicesService,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      try {
        this.devices.sweep();
      } catch (err) {
        // A bug in one sweep must not stop the next ones.
        this.logger.error({ err }, 'offline sweep failed');
      }
    }, this.config.sweepMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
