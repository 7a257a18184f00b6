import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { NatsLifecycleService } from '../nats/nats-lifecycle.service';

/** Kubernetes-style probes: alive as long as the process answers; ready while NATS is connected. */
@Controller()
export class HealthController {
  constructor(private readonly nats: NatsLifecycleService) {}

  @Get('healthz')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 503 while the broker is unreachable, so a load balancer sends browsers to another replica. */
  @Get('readyz')
  ready(): { status: 'ready'; nats: 'connected' } {
    if (!this.nats.connected) {
      throw new HttpException({ status: 'not ready', nats: 'disconnected' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ready', nats: 'connected' };
  }
}
