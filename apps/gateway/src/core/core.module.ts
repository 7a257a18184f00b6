import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, ROOT_LOGGER } from './tokens';

/** Makes the config and the root logger, both built before Nest starts, injectable everywhere. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: GatewayConfig, logger: Logger): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: ROOT_LOGGER, useValue: logger },
      ],
      exports: [GATEWAY_CONFIG, ROOT_LOGGER],
    };
  }
}
