import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG } from './app.constants';
import { CommandsModule } from './commands/commands.module';
import { CommonModule } from './common/common.module';
import type { Config } from './config';
import { DevicesModule } from './devices/devices.module';
import { LOGGER } from './logger/logger.constants';
import { NatsModule } from './nats/nats.module';

/** Root module; config and logger are built before Nest starts and provided to every feature. */
@Global()
@Module({})
export class AppModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [CommonModule, NatsModule, DevicesModule, CommandsModule],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [CONFIG, LOGGER],
    };
  }
}
