import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Subscription } from 'rxjs';
import { RateLimiter } from '../auth/rate-limiter';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, ROOT_LOGGER } from '../core/tokens';
import { DeviceCacheService, type DeviceChange } from '../fleet-stream/device-cache.service';
import { MetricsService } from '../metrics/metrics.service';
import { ClientBatcher } from './client-batcher';
import { isTransportWritable, type FleetSocket } from './fleet-socket';

interface Client {
  readonly socket: FleetSocket;
  readonly batcher: ClientBatcher;
  readonly limiter: RateLimiter;
}

/**
 * Connected clients and their pending batches. One timer at `flushHz` sends each client that
 * has changes a single `devices` batch and its queued events; a client whose transport is busy
 * is skipped this round, keeps coalescing, and never holds up the others.
 */
@Injectable()
export class ClientRegistryService implements OnModuleInit, OnApplicationShutdown {
  private readonly clients = new Map<string, Client>();
  private readonly subscriptions: Subscription[] = [];
  private timer?: NodeJS.Timeout;
  private readonly log: Logger;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly cache: DeviceCacheService,
    private readonly metrics: MetricsService,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'clients' });
  }

  onModuleInit(): void {
    this.subscriptions.push(
      this.cache.changes$.subscribe((change) => this.fanOut(change)),
      this.cache.events$.subscribe((event) => {
        for (const { batcher } of this.clients.values()) {
          const dropped = batcher.addEvent(event);
          if (dropped > 0) this.metrics.eventsDropped.inc(dropped);
        }
      }),
    );
    this.timer = setInterval(() => this.flush(), 1000 / this.config.flushHz);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    for (const sub of this.subscriptions) sub.unsubscribe();
    this.clients.clear();
  }

  /** Starts batching for a newly connected client (after it got its snapshot). */
  add(socket: FleetSocket): void {
    const rate = this.config.commandRate;
    this.clients.set(socket.id, { socket, batcher: new ClientBatcher(), limiter: new RateLimiter(rate, Math.max(1, 2 * rate)) });
    this.metrics.clients.set(this.clients.size);
  }

  /** Forgets a disconnected client and its pending batch. */
  remove(socket: FleetSocket): void {
    this.clients.delete(socket.id);
    this.metrics.clients.set(this.clients.size);
  }

  /** Number of connected clients. */
  get size(): number {
    return this.clients.size;
  }

  /** Takes one unit of the client's command budget; `false` when it is over its rate limit. */
  allowCommand(socket: FleetSocket): boolean {
    return this.clients.get(socket.id)?.limiter.tryTake() ?? false;
  }

  private fanOut(change: DeviceChange): void {
    for (const { batcher } of this.clients.values()) {
      if (change.type === 'status') batcher.addStatus(change.status);
      else batcher.addState(change.state);
    }
  }

  /** Exposed for tests; normally driven by the timer. */
  flush(): void {
    let maxPending = 0;
    for (const { socket, batcher } of this.clients.values()) {
      maxPending = Math.max(maxPending, batcher.pendingSize);
      if (!batcher.hasPending) continue;
      if (!isTransportWritable(socket)) {
        this.metrics.flushesDeferred.inc();
        continue;
      }
      const { batch, events } = batcher.take();
      if (batch !== undefined) {
        this.safely(() => socket.emit('devices', batch));
        this.metrics.batchesSent.inc();
      }
      for (const event of events) this.safely(() => socket.emit('event', event));
    }
    this.metrics.maxPending.set(maxPending);
  }

  /** A failing emit to one client must not end the flush for the others or crash the timer. */
  private safely(emit: () => unknown): void {
    try {
      emit();
    } catch (err) {
      this.log.warn({ err }, 'emit to a client failed');
    }
  }
}
