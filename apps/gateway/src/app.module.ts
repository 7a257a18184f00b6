import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ClientsModule } from './clients/clients.module';
import type { GatewayConfig } from './config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { NatsModule } from './nats/nats.module';

/** The gateway: NATS in, Socket.IO out. */
@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, logger), MetricsModule, NatsModule, HealthModule, ClientsModule],
    };
  }
}
