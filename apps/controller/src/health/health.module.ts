import { Module } from '@nestjs/common';
import { StateStoreModule } from '../state-store/state-store.module';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

/** GET /healthz. */
@Module({
  imports: [StateStoreModule],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
