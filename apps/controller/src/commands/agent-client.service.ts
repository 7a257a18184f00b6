import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { DeviceCommandReplySchema, subjects, type DeviceCommand } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { parseJsonOrText } from '../nats/json-codec';
import type { AgentResult } from './command-logic';

/** Sends one hardware command to a device's agent (request/reply) and parses the answer. */
@Injectable()
export class AgentClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly invalid: InvalidMessages,
  ) {}

  /** Never rejects: no responder, timeout or a closed connection all mean the agent is unreachable. */
  async send(deviceId: string, command: DeviceCommand): Promise<AgentResult> {
    const subject = subjects.deviceCommand(deviceId);
    let text: string;
    try {
      const msg = await this.nc.request(subject, JSON.stringify(command), { timeout: this.config.agentTimeoutMs });
      text = msg.string();
    } catch (err) {
      this.logger.warn({ deviceId, requestId: command.requestId, err: String(err) }, 'agent unreachable');
      return { type: 'unreachable' };
    }
    const parsed = DeviceCommandReplySchema.safeParse(parseJsonOrText(text));
    if (parsed.success) return { type: 'reply', reply: parsed.data };
    const detail = formatZodIssues(parsed.error);
    this.invalid.record('fleet.v1.device.*.cmd reply', 'schema', subject, detail);
    return { type: 'invalid', detail };
  }
}
