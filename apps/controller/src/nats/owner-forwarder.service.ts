import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { ErrorReply } from '@fleet/contracts';
import { CONFIG } from '../app.constants';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { parseJsonOrText } from './json-codec';
import { NATS_CONNECTION } from './nats.constants';
import { OwnerUnavailableError, requestOwner } from './owner-request';

/** Extra time an owner may take beyond the agent timeout (KV reads and writes around the command). */
const OWNER_WORK_MS = 2000;

/**
 * Passes a request that arrived on a legacy subject (any replica takes it) on to the per-device
 * subject the broker routes to the device's owner, and returns the owner's reply.
 */
@Injectable()
export class OwnerForwarder {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The owner's reply, checked against `schema`, or `{ error }` saying why there is none. */
  async forward<T>(subject: string, body: unknown, schema: z.ZodType<T>): Promise<T | ErrorReply> {
    let text: string;
    try {
      text = await requestOwner(this.nc, subject, JSON.stringify(body), this.config.agentTimeoutMs + OWNER_WORK_MS, this.config.forwardDeadlineMs);
    } catch (err) {
      this.logger.warn({ err: String(err), subject }, 'request not passed on to the owner');
      if (err instanceof OwnerUnavailableError) return { error: `${err.message}; retry with the same requestId` };
      return { error: 'the request could not be passed on to the owning controller; retry with the same requestId' };
    }
    const parsed = schema.safeParse(parseJsonOrText(text));
    if (parsed.success) return parsed.data;
    this.logger.warn({ subject, reply: text.slice(0, 200) }, 'owner sent an unexpected reply');
    return { error: 'the owning controller sent an unexpected reply' };
  }
}
