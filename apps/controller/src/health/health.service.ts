import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { NatsLink } from '../nats/nats-link';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { StateStoreService } from '../state-store/state-store.service';

/** Readiness and, when not ready, every reason why. */
export interface Health {
  readonly status: 'ready' | 'unavailable';
  readonly reasons: readonly string[];
}

/** Ready = connected to NATS, with the KV buckets and stream FLEET_EVENTS present. */
@Injectable()
export class HealthService {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly link: NatsLink,
    private readonly store: StateStoreService,
  ) {}

  async check(): Promise<Health> {
    if (this.nc.isClosed() || !this.link.connected) {
      // No point asking JetStream through a connection that is down; answer at once.
      return { status: 'unavailable', reasons: [`nats not connected (${this.link.lastStatus})`] };
    }
    const reasons = await this.store.problems();
    return { status: reasons.length === 0 ? 'ready' : 'unavailable', reasons };
  }
}
