import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../logger/logger.constants';
import { MetricsService } from '../metrics/metrics.service';
import { InvalidMessages } from './invalid-messages';

/** Cross-feature helpers: the invalid-message counter every handler reports to. */
@Global()
@Module({
  providers: [
    {
      provide: InvalidMessages,
      inject: [LOGGER, MetricsService],
      useFactory: (logger: Logger, metrics: MetricsService) =>
        new InvalidMessages(logger, (subject, reason) => metrics.invalidMessages.inc({ subject, reason })),
    },
  ],
  exports: [InvalidMessages],
})
export class CommonModule {}
