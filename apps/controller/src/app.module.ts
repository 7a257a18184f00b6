import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { AlarmsModule } from './alarms/alarms.module';
import { CONFIG } from './app.constants';
import { CommandsModule } from './commands/commands.module';
import { CommonModule } from './common/common.module';
import type { Config } from './config';
import { DevicesModule } from './devices/devices.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { LOGGER } from './logger/logger.constants';
import { MetricsModule } from './metrics/metrics.module';
import { NatsModule } from './nats/nats.module';
import { PartitionsModule } from './partitions/partitions.module';

/** Root module; config and logger are built before Nest starts and provided to every feature. */
@Global()
@Module({})
export class AppModule {
  static forRoot(config: Config, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [MetricsModule, CommonModule, NatsModule, AlarmsModule, DevicesModule, CommandsModule, EventsModule, HealthModule, PartitionsModule],
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
      ],
      exports: [CONFIG, LOGGER],
    };
  }
}
