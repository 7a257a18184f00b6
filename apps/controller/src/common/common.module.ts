import { Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../logger/logger.constants';
import { InvalidMessages } from './invalid-messages';

/** Cross-feature helpers: the invalid-message counter every handler reports to. */
@Global()
@Module({
  providers: [
    {
      provide: InvalidMessages,
      inject: [LOGGER],
      useFactory: (logger: Logger) => new InvalidMessages(logger),
    },
  ],
  exports: [InvalidMessages],
})
export class CommonModule {}
