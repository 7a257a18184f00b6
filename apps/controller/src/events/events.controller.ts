import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { NatsConnection } from '@nats-io/transport-node';
import { EventsQuerySchema, FleetEventSchema, subjects, type ErrorReply, type EventsReply, type FleetEvent } from '@fleet/contracts';
import type { Logger } from 'pino';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import { LOGGER } from '../logger/logger.constants';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { readLastEvents } from './events-reader';

/** `fleet.v1.control.events` request/reply: recent history from stream FLEET_EVENTS. */
@Controller()
export class EventsController {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly invalid: InvalidMessages,
  ) {}

  /** An empty body means the defaults (last 100 events of all devices). */
  @MessagePattern(subjects.controlEvents)
  async events(@Payload() data: unknown): Promise<EventsReply | ErrorReply> {
    const parsed = EventsQuerySchema.safeParse(data === '' || data === null ? {} : data);
    if (!parsed.success) {
      const error = formatZodIssues(parsed.error);
      this.invalid.record(subjects.controlEvents, 'schema', subjects.controlEvents, error);
      return { error: error.slice(0, 1000) };
    }
    let raw: unknown[];
    try {
      raw = await readLastEvents(this.nc, parsed.data);
    } catch (err) {
      this.logger.warn({ err: String(err) }, 'event history read failed');
      return { error: 'event history unavailable, retry later' };
    }
    const events: FleetEvent[] = [];
    for (const value of raw) {
      const event = FleetEventSchema.safeParse(value);
      // Anyone may publish on fleet.v1.event.*; what is not an event is not history.
      if (event.success) events.push(event.data);
      else this.invalid.record(`stream:${subjects.allEvents}`, 'schema', `stream:${subjects.allEvents}`, formatZodIssues(event.error));
    }
    return { events };
  }
}
