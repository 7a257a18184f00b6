import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ControlSnapshotSchema, subjects } from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Subscription } from 'rxjs';
import { parseJsonBytes, parseWith } from '../common/validation';
import { ROOT_LOGGER } from '../core/tokens';
import { MetricsService } from '../metrics/metrics.service';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { NatsLifecycleService } from '../nats/nats-lifecycle.service';
import { backoffDelay } from '../common/backoff';
import { DeviceCacheService } from './device-cache.service';

const REQUEST_TIMEOUT_MS = 2000;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5000;

/**
 * Fills the state cache from the controller's snapshot at start-up and after every broker
 * reconnect (transitions published while we were away are lost to a plain subscription).
 * Runs in the background with retries, so the status relay never waits for the controller.
 */
@Injectable()
export class SnapshotLoaderService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log: Logger;
  private reconnectSub?: Subscription;
  /** Aborts the running load when a newer one starts or the app stops. */
  private current?: AbortController;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly natsLifecycle: NatsLifecycleService,
    private readonly cache: DeviceCacheService,
    private readonly metrics: MetricsService,
  ) {
    this.log = logger.child({ context: 'snapshot-loader' });
  }

  onApplicationBootstrap(): void {
    this.start();
    this.reconnectSub = this.natsLifecycle.reconnected$.subscribe(() => this.start());
  }

  onApplicationShutdown(): void {
    this.reconnectSub?.unsubscribe();
    this.current?.abort();
  }

  private start(): void {
    this.current?.abort();
    const controller = new AbortController();
    this.current = controller;
    this.load(controller.signal).catch((err: unknown) => {
      if (!controller.signal.aborted) this.log.error({ err }, 'snapshot loading stopped');
    });
  }

  private async load(signal: AbortSignal): Promise<void> {
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      const error = await this.requestOnce();
      if (signal.aborted) return;
      if (error === undefined) return;
      const delay = backoffDelay(attempt, RETRY_BASE_MS, RETRY_MAX_MS);
      // Only the first failure is worth a warning; the controller may simply not be up yet.
      if (attempt === 0) this.log.warn({ error, retryMs: delay }, 'controller snapshot unavailable; retrying');
      await sleep(delay, undefined, { signal });
    }
  }

  /** One request; returns a readable error, or `undefined` once the cache holds the snapshot. */
  private async requestOnce(): Promise<string | undefined> {
    let data: Uint8Array;
    try {
      const reply = await this.nc.request(subjects.controlSnapshot, '{}', { timeout: REQUEST_TIMEOUT_MS });
      data = reply.data;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    const json = parseJsonBytes(data);
    const parsed = json.ok ? parseWith(ControlSnapshotSchema, json.value) : json;
    if (!parsed.ok) {
      this.metrics.invalid('snapshot-reply');
      return `invalid snapshot reply: ${parsed.error}`;
    }
    for (const state of parsed.value.devices) this.cache.putState(state, 'snapshot');
    this.cache.replaceAlarms(parsed.value.alarms, parsed.value.outOfService);
    this.log.info({ devices: parsed.value.devices.length, alarms: parsed.value.alarms.length }, 'controller snapshot loaded');
    return undefined;
  }
}
