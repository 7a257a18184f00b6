import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { subjects } from '@fleet/contracts';
import type { Msg, NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { Parsed } from '../common/validation';
import { ROOT_LOGGER } from '../core/tokens';
import { MetricsService, type InputSource } from '../metrics/metrics.service';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { DeviceCacheService } from './device-cache.service';
import { parseEventMessage, parseStateMessage, parseStatusMessage } from './fleet-messages';

/** Invalid-message log lines are kept to one per subject; this bounds that memory. */
const MAX_LOGGED_SUBJECTS = 1000;

/**
 * Subscribes to device status, controller states and events, and feeds the device cache. Status
 * is subscribed in both forms: plain, and with the partition token a partitioning broker appends
 * (ARCHITECTURE.md, controller replicas); each message arrives in exactly one of them.
 */
@Injectable()
export class FleetSubscriberService implements OnApplicationBootstrap {
  private readonly log: Logger;
  private readonly loggedSubjects = new Set<string>();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly cache: DeviceCacheService,
    private readonly metrics: MetricsService,
  ) {
    this.log = logger.child({ context: 'fleet-stream' });
  }

  onApplicationBootstrap(): void {
    for (const subject of [subjects.allDeviceStatus, subjects.allDeviceStatusPartitioned]) {
      this.consume(subject, 'status', parseStatusMessage, (status) => {
        if (this.cache.putStatus(status)) this.metrics.statusesReceived.inc();
        else this.rejectFull(status.deviceId);
      });
    }
    this.consume(subjects.allControlState, 'state', parseStateMessage, (state) => {
      if (!this.cache.putState(state)) this.rejectFull(state.deviceId);
    });
    this.consume(subjects.allEvents, 'event', parseEventMessage, (event) => this.cache.publishEvent(event));
  }

  /** Runs one subscription loop; a bad message or a failing handler never ends the loop. */
  private consume<T>(
    subject: string,
    source: InputSource,
    parse: (subject: string, data: Uint8Array) => Parsed<T>,
    handle: (value: T) => void,
  ): void {
    const sub = this.nc.subscribe(subject);
    const loop = async (): Promise<void> => {
      for await (const msg of sub) {
        try {
          const parsed = parse(msg.subject, msg.data);
          if (parsed.ok) handle(parsed.value);
          else this.reject(source, msg, parsed.error);
        } catch (err) {
          this.log.error({ err, subject: msg.subject }, 'message handler failed');
        }
      }
    };
    loop().catch((err: unknown) => this.log.error({ err, subject }, 'subscription ended with an error'));
  }

  private reject(source: InputSource, msg: Msg, error: string): void {
    this.metrics.invalid(source);
    if (this.loggedSubjects.has(msg.subject) || this.loggedSubjects.size >= MAX_LOGGED_SUBJECTS) return;
    this.loggedSubjects.add(msg.subject);
    this.log.warn({ subject: msg.subject, error }, 'invalid message dropped (logged once per subject)');
  }

  private rejectFull(deviceId: string): void {
    this.metrics.invalid('status');
    if (this.loggedSubjects.has('full')) return;
    this.loggedSubjects.add('full');
    this.log.error({ deviceId }, 'device cache is full; new devices are ignored');
  }
}
