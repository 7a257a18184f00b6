import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthService, type Health } from './health.service';

/** GET /healthz: 200 `{ status: 'ready' }` when serving, else 503 with the reasons. */
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('healthz')
  async healthz(): Promise<Health> {
    const health = await this.health.check();
    // Nest's HTTP layer turns this into a 503 whose JSON body is `health`.
    if (health.status !== 'ready') throw new ServiceUnavailableException(health);
    return health;
  }
}
