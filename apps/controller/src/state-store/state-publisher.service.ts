import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { STATE_BUCKET, subjects, type Alarm, type DeviceState, type FleetEvent, type OutOfService } from '@fleet/contracts';
import type { Logger } from 'pino';
import { LOGGER } from '../logger/logger.constants';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { StateStoreService } from './state-store.service';
import { ALARMS_BUCKET, outOfServiceKey } from './state-store.constants';

/**
 * Performs the I/O effects of decisions: core-publishes state and events (stream FLEET_EVENTS
 * captures the events) and stores state and alarms in KV. Never throws: a failed publish is logged.
 */
@Injectable()
export class StatePublisher {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly store: StateStoreService,
  ) {}

  publishState(state: DeviceState): void {
    this.publish(subjects.controlState(state.deviceId), state);
  }

  publishEvent(event: FleetEvent): void {
    this.publish(subjects.event(event.deviceId), event);
  }

  persist(state: DeviceState): void {
    this.store.put(STATE_BUCKET, state.deviceId, state);
  }

  saveAlarm(alarm: Alarm): void {
    this.store.put(ALARMS_BUCKET, alarm.id, alarm);
  }

  forgetAlarm(alarmId: string): void {
    this.store.remove(ALARMS_BUCKET, alarmId);
  }

  saveOutOfService(record: OutOfService): void {
    this.store.put(ALARMS_BUCKET, outOfServiceKey(record.deviceId), record);
  }

  forgetOutOfService(deviceId: string): void {
    this.store.remove(ALARMS_BUCKET, outOfServiceKey(deviceId));
  }

  private publish(subject: string, body: unknown): void {
    try {
      this.nc.publish(subject, JSON.stringify(body));
    } catch (err) {
      // Publishing on a closed or draining connection throws; during shutdown that is expected.
      this.logger.warn({ err, subject }, 'publish failed');
    }
  }
}
