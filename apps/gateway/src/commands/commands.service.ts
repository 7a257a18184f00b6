import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  ControlCommandReplySchema,
  ErrorReplySchema,
  SocketCommandSchema,
  subjects,
  type AckResult,
  type ControlCommand,
  type ControlCommandReply,
} from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { parseJsonBytes, parseWith } from '../common/validation';
import type { GatewayConfig } from '../config';
import { GATEWAY_CONFIG, ROOT_LOGGER } from '../core/tokens';
import { MetricsService } from '../metrics/metrics.service';
import { NATS_CONNECTION } from '../nats/nats.constants';

/** Ack error when the controller does not answer in time (or no controller is subscribed). */
export const CONTROLLER_UNAVAILABLE = 'controller unavailable';

/** Forwards operator commands to the controller (`fleet.v1.control.command`) and shapes the ack. */
@Injectable()
export class CommandsService {
  private readonly log: Logger;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
    private readonly metrics: MetricsService,
  ) {
    this.log = logger.child({ context: 'commands' });
  }

  /**
   * Validates an untrusted socket payload, forwards it, and returns the ack to send.
   * Never rejects: every failure becomes `{ error }`.
   */
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
    try {
      return await this.forward(command);
    } catch (err) {
      this.log.error({ err, requestId: command.requestId }, 'command forwarding failed');
      this.metrics.commands.inc({ outcome: 'failed' });
      return { error: 'command could not be forwarded' };
    }
  }

  private async forward(command: ControlCommand): Promise<AckResult<ControlCommandReply>> {
    let data: Uint8Array;
    try {
      const reply = await this.nc.request(subjects.controlCommand, JSON.stringify(command), {
        timeout: this.config.commandTimeoutMs,
      });
      data = reply.data;
    } catch (err) {
      this.log.warn({ err, requestId: command.requestId, deviceId: command.deviceId }, 'controller did not answer');
      this.metrics.commands.inc({ outcome: 'unavailable' });
      return { error: CONTROLLER_UNAVAILABLE };
    }
    const json = parseJsonBytes(data);
    if (json.ok) {
      const reply = ControlCommandReplySchema.safeParse(json.value);
      if (reply.success) {
        this.metrics.commands.inc({ outcome: reply.data.accepted ? 'accepted' : 'refused' });
        return { data: reply.data };
      }
      const errorReply = ErrorReplySchema.safeParse(json.value);
      if (errorReply.success) {
        this.metrics.commands.inc({ outcome: 'error' });
        return { error: errorReply.data.error };
      }
    }
    this.metrics.invalid('command-reply');
    this.metrics.commands.inc({ outcome: 'bad-reply' });
    this.log.warn({ requestId: command.requestId }, 'controller sent an invalid command reply');
    return { error: 'controller sent an invalid reply' };
  }
}
