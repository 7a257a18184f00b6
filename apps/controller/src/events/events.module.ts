import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';

/** Event history requests. */
@Module({ controllers: [EventsController] })
export class EventsModule {}
