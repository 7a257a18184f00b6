import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Where a rejected input came from; one label value per subscription or socket event. */
export type InputSource =
  | 'status'
  | 'state'
  | 'event'
  | 'snapshot-reply'
  | 'command-reply'
  | 'alarm-ack-reply'
  | 'alarm-action-reply'
  | 'events-reply'
  | 'socket-command'
  | 'socket-snapshot'
  | 'socket-alarm-ack'
  | 'socket-alarm-action'
  | 'socket-events'
  | 'socket-unknown';

/**
 * The gateway's Prometheus metrics, in a registry of its own so tests and several app
 * instances in one process never collide on the global registry.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  /** Messages or payloads rejected by validation, by source. */
  readonly invalidInputs = new Counter({
    name: 'fleet_gateway_invalid_inputs_total',
    help: 'NATS messages and Socket.IO payloads rejected by validation',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  /** Statuses relayed from NATS into the device cache. */
  readonly statusesReceived = new Counter({
    name: 'fleet_gateway_statuses_received_total',
    help: 'Valid device statuses received from NATS',
    registers: [this.registry],
  });

  /** `devices` batches emitted to clients. */
  readonly batchesSent = new Counter({
    name: 'fleet_gateway_batches_sent_total',
    help: 'devices batches emitted to Socket.IO clients',
    registers: [this.registry],
  });

  /** Flushes postponed because a client's transport was still busy with earlier data. */
  readonly flushesDeferred = new Counter({
    name: 'fleet_gateway_flushes_deferred_total',
    help: 'Per-client flushes postponed because the transport was not writable',
    registers: [this.registry],
  });

  /** Commands forwarded, by outcome. */
  readonly commands = new Counter({
    name: 'fleet_gateway_commands_total',
    help: 'Operator commands by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  /** Requests to the controller sent again after no responders or a timeout (partitions changing hands). */
  readonly controllerRetries = new Counter({
    name: 'fleet_gateway_controller_retries_total',
    help: 'Commands and alarm acks sent to the controller again (same requestId) after no responders or a timeout',
    labelNames: ['request', 'miss'] as const,
    registers: [this.registry],
  });

  /** Handshakes refused for a missing or unknown token. */
  readonly authFailures = new Counter({
    name: 'fleet_gateway_auth_failures_total',
    help: 'Socket.IO handshakes refused as unauthorized',
    registers: [this.registry],
  });

  /** Client requests refused, by reason (forbidden for the role, or over the rate limit). */
  readonly refusals = new Counter({
    name: 'fleet_gateway_refusals_total',
    help: 'Client requests refused before reaching the controller',
    labelNames: ['reason', 'event'] as const,
    registers: [this.registry],
  });

  /** Events a slow client lost because its bounded queue was full. */
  readonly eventsDropped = new Counter({
    name: 'fleet_gateway_client_events_dropped_total',
    help: 'Fleet events dropped for slow clients whose event queue was full',
    registers: [this.registry],
  });

  /** Largest per-client pending batch at the last flush (devices plus queued events). */
  readonly maxPending = new Gauge({
    name: 'fleet_gateway_client_pending_max',
    help: 'Largest per-client pending entry count at the last flush',
    registers: [this.registry],
  });

  /** Connected Socket.IO clients. */
  readonly clients = new Gauge({
    name: 'fleet_gateway_clients',
    help: 'Connected Socket.IO clients',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one rejected input. */
  invalid(source: InputSource): void {
    this.invalidInputs.inc({ source });
  }
}
