import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { DevicesService } from './devices.service';
import { IntakeQueue } from './intake-queue';

/**
 * Runs the offline sweep every `sweepMs`. Starts after restore, so restored devices get their
 * full silence allowance from restart time. Each sweep first lets the event loop read its sockets
 * and handles what they brought: after the controller itself was busy or descheduled, its timers
 * fire before pending socket reads, and status that already arrived must not count as silence.
 * Silence is then judged only up to what the intake queue has handled.
 */
@Injectable()
export class OfflineSweep implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private waiting = false;

  constructor(
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly devices: DevicesService,
    private readonly intake: IntakeQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // A sweep still waiting for the intake covers this tick too.
      if (this.waiting) return;
      this.waiting = true;
      // setImmediate runs after the I/O phase has queued what the sockets held.
      setImmediate(() => void this.intake.caughtUp().then(() => this.run()));
    }, this.config.sweepMs);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.waiting = false;
    if (this.timer === undefined) return;
    try {
      this.devices.sweep(this.intake.heardUpTo(Date.now()));
    } catch (err) {
      // A bug in one sweep must not stop the next ones.
      this.logger.error({ err }, 'offline sweep failed');
    }
  }
}
