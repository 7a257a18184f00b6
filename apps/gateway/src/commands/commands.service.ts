import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  AlarmAckReplySchema,
  AlarmActionReplySchema,
  ControlCommandReplySchema,
  EventsReplySchema,
  SocketAlarmAckSchema,
  SocketAlarmActionSchema,
  SocketCommandSchema,
  SocketEventsQuerySchema,
  commandOutcomeOf,
  subjects,
  type AckResult,
  type AlarmAck,
  type AlarmAckReply,
  type AlarmAction,
  type AlarmActionReply,
  type ControlCommand,
  type ControlCommandReply,
  type FleetEvent,
} from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { parseWith } from '../common/validation';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, ROOT_LOGGER } from '../core/tokens';
import { DeviceCacheService } from '../fleet-stream/device-cache.service';
import { MetricsService } from '../metrics/metrics.service';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { requestController, toAck } from './controller-request';
import { requestWithRetry, type RetryOptions } from './retrying-request';

export { CONTROLLER_UNAVAILABLE } from './controller-request';

/**
 * Forwards client requests to the controller: commands (`fleet.v1.control.command.<deviceId>`),
 * alarm acknowledgements (`fleet.v1.control.alarm.ack.<deviceId>`, or the plain subject for an
 * alarm the cache does not list) and event history (`fleet.v1.control.events`). Per-device
 * subjects reach the controller replica owning the device's partition directly; commands and
 * acks are retried with the same requestId while a partition has no owner (see
 * `commandRetryMs`). Every payload is validated first; every method resolves to an ack and never
 * rejects.
 */
@Injectable()
export class CommandsService implements OnApplicationShutdown {
  private readonly log: Logger;
  /** Stops pending retries at shutdown. */
  private readonly stopping = new AbortController();

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly metrics: MetricsService,
    private readonly cache: DeviceCacheService,
  ) {
    this.log = logger.child({ context: 'commands' });
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }

  /** A `command` payload, sent on behalf of `user`. */
  async send(payload: unknown, user?: string): Promise<AckResult<ControlCommandReply>> {
    const parsed = parseWith(SocketCommandSchema, payload);
    if (!parsed.ok) {
      this.metrics.invalid('socket-command');
      this.metrics.commands.inc({ outcome: 'invalid' });
      return { error: `invalid command: ${parsed.error}` };
    }
    const command: ControlCommand = {
      ...parsed.value,
      requestId: parsed.value.requestId ?? randomUUID(),
      ...(user === undefined ? {} : { user }),
    };
    const context = { requestId: command.requestId, deviceId: command.deviceId, user };
    const outcome = await requestWithRetry(
      this.nc, subjects.controlCommandFor(command.deviceId), command, ControlCommandReplySchema, this.retryOptions('command', context),
    );
    switch (outcome.kind) {
      case 'reply':
        this.metrics.commands.inc({ outcome: commandOutcomeOf(outcome.value) });
        break;
      case 'error':
        this.metrics.commands.inc({ outcome: 'error' });
        break;
      case 'unavailable':
        this.log.warn({ ...context, err: outcome.cause, detail: outcome.detail }, 'controller did not answer a command');
        this.metrics.commands.inc({ outcome: 'unavailable' });
        break;
      case 'invalid':
        this.log.warn(context, 'controller sent an invalid command reply');
        this.metrics.invalid('command-reply');
        this.metrics.commands.inc({ outcome: 'bad-reply' });
        break;
    }
    return toAck(outcome);
  }

  /** An `alarm:ack` payload, acknowledged on behalf of `user`. */
  async ackAlarm(payload: unknown, user?: string): Promise<AckResult<AlarmAckReply>> {
    const parsed = parseWith(SocketAlarmAckSchema, payload);
    if (!parsed.ok) {
      this.metrics.invalid('socket-alarm-ack');
      return { error: `invalid alarm ack: ${parsed.error}` };
    }
    const ack: AlarmAck = {
      alarmId: parsed.value.alarmId,
      requestId: parsed.value.requestId ?? randomUUID(),
      ...(user === undefined ? {} : { user }),
      ...(parsed.value.comment === undefined ? {} : { comment: parsed.value.comment }),
    };
    // Only the owner of the alarm's device can acknowledge it; the plain subject reaches any
    // replica, which passes it on, for an alarm this gateway has not seen (e.g. just raised).
    const deviceId = this.cache.alarmDeviceId(ack.alarmId);
    const subject = deviceId === undefined ? subjects.alarmAck : subjects.alarmAckFor(deviceId);
    const context = { requestId: ack.requestId, alarmId: ack.alarmId, deviceId, user };
    const outcome = await requestWithRetry(this.nc, subject, ack, AlarmAckReplySchema, this.retryOptions('alarm-ack', context));
    if (outcome.kind === 'unavailable') this.log.warn({ ...context, err: outcome.cause, detail: outcome.detail }, 'controller did not answer an alarm ack');
    if (outcome.kind === 'invalid') this.metrics.invalid('alarm-ack-reply');
    return toAck(outcome);
  }

  /**
   * An `alarm:action` payload, on behalf of `user`. It goes straight to the owner of its one device
   * when the cache knows it (out of service names it; an alarm's device is cached); otherwise to the
   * plain subject, where any replica splits it per device and passes the parts on.
   */
  async alarmAction(payload: unknown, user?: string): Promise<AckResult<AlarmActionReply>> {
    const parsed = parseWith(SocketAlarmActionSchema, payload);
    if (!parsed.ok) {
      this.metrics.invalid('socket-alarm-action');
      return { error: `invalid alarm action: ${parsed.error}` };
    }
    const action: AlarmAction = { ...parsed.value, requestId: parsed.value.requestId ?? randomUUID(), ...(user === undefined ? {} : { user }) };
    const deviceId = this.deviceOfAction(action);
    const subject = deviceId === undefined ? subjects.alarmAction : subjects.alarmActionFor(deviceId);
    const context = { requestId: action.requestId, action: action.action, deviceId, user };
    const outcome = await requestWithRetry(this.nc, subject, action, AlarmActionReplySchema, this.retryOptions('alarm-action', context));
    if (outcome.kind === 'unavailable') this.log.warn({ ...context, err: outcome.cause, detail: outcome.detail }, 'controller did not answer an alarm action');
    if (outcome.kind === 'invalid') this.metrics.invalid('alarm-action-reply');
    return toAck(outcome);
  }

  /** The one device an action concerns, when the cache knows it. */
  private deviceOfAction(action: AlarmAction): string | undefined {
    switch (action.action) {
      case 'out-of-service':
      case 'in-service':
        return action.deviceId;
      case 'shelve':
      case 'unshelve':
        return this.cache.alarmDeviceId(action.alarmId);
      case 'ack': {
        const devices = new Set(action.alarmIds.map((id) => this.cache.alarmDeviceId(id)));
        const [only] = devices;
        return devices.size === 1 ? only : undefined;
      }
    }
  }

  /** Retry settings of one command, alarm ack or alarm action; each retry is logged and counted. */
  private retryOptions(request: 'command' | 'alarm-ack' | 'alarm-action', context: Record<string, unknown>): RetryOptions {
    return {
      attemptTimeoutMs: this.config.commandTimeoutMs,
      retryMs: this.config.commandRetryMs,
      signal: this.stopping.signal,
      onRetry: (miss, attempt) => {
        this.metrics.controllerRetries.inc({ request, miss });
        this.log.debug({ ...context, miss, attempt }, 'retrying a request to the controller');
      },
    };
  }

  /** An `events` history query. */
  async queryEvents(payload: unknown): Promise<AckResult<FleetEvent[]>> {
    const parsed = parseWith(SocketEventsQuerySchema, payload ?? {});
    if (!parsed.ok) {
      this.metrics.invalid('socket-events');
      return { error: `invalid events query: ${parsed.error}` };
    }
    const outcome = await requestController(this.nc, subjects.controlEvents, parsed.value, EventsReplySchema, this.config.commandTimeoutMs);
    if (outcome.kind === 'unavailable') this.log.debug({ err: outcome.cause }, 'controller did not answer an events query');
    if (outcome.kind === 'invalid') this.metrics.invalid('events-reply');
    return outcome.kind === 'reply' ? { data: outcome.value.events } : toAck<FleetEvent[]>(outcome);
  }
}
