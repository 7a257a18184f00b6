import { Inject, Injectable } from '@nestjs/common';
import { RequestError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { DeviceCommandOutcomeSchema, DeviceCommandReplySchema, subjects, type DeviceCommand, type DeviceCommandQuery } from '@fleet/contracts';
import type { Logger } from 'pino';
import { CONFIG } from '../app.constants';
import { InvalidMessages } from '../common/invalid-messages';
import { formatZodIssues } from '../common/zod-issues';
import type { Config } from '../config';
import { LOGGER } from '../logger/logger.constants';
import { NATS_CONNECTION } from '../nats/nats.constants';
import { parseJsonOrText } from '../nats/json-codec';
import { AGENT_UNREACHABLE_REASON, NOT_RECEIVED_REASON, type AgentResult } from './command-logic';
import { CLOCK_MARGIN_MS, RESOLVE_ATTEMPT_MS, RESOLVE_BUDGET_MS, RESOLVE_PAUSE_MS } from './commands.constants';

const REPLY_PATTERN = 'fleet.v1.device.*.cmd reply';

/**
 * Whether a failed request may have reached its responder. "No responders" means nobody was
 * subscribed, and errors other than RequestError and TimeoutError are raised before anything is
 * published (closed or draining connection): nothing was delivered. A timeout, or a connection
 * lost while waiting, happens after the request went out: it may have been delivered.
 */
export function mayHaveBeenDelivered(err: unknown): boolean {
  if (err instanceof RequestError) return !err.isNoResponders();
  return err instanceof TimeoutError;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends hardware commands to a device's agent (request/reply) and asks it what became of one. */
@Injectable()
export class AgentClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly invalid: InvalidMessages,
  ) {}

  /**
   * Never rejects. Nothing delivered (no responders): `not-run`. A request that may have been
   * delivered but got no usable answer (timeout, connection lost, unreadable reply) is asked
   * about (see {@link resolve}) before being reported `in-doubt`.
   */
  async send(deviceId: string, command: DeviceCommand): Promise<AgentResult> {
    const subject = subjects.deviceCommand(deviceId);
    const sentAt = Date.now();
    let text: string;
    try {
      const msg = await this.nc.request(subject, JSON.stringify(command), { timeout: this.config.agentTimeoutMs });
      text = msg.string();
    } catch (err) {
      if (!mayHaveBeenDelivered(err)) {
        this.logger.warn({ deviceId, requestId: command.requestId, err: String(err) }, 'agent unreachable');
        return { type: 'not-run', reason: AGENT_UNREACHABLE_REASON };
      }
      this.logger.warn({ deviceId, requestId: command.requestId, err: String(err) }, 'agent reply lost; asking the agent');
      return this.resolve(deviceId, command.requestId, sentAt, "the agent's reply was lost");
    }
    const parsed = DeviceCommandReplySchema.safeParse(parseJsonOrText(text));
    if (parsed.success) return { type: 'reply', reply: parsed.data };
    const detail = formatZodIssues(parsed.error);
    this.invalid.record(REPLY_PATTERN, 'schema', subject, detail);
    return this.resolve(deviceId, command.requestId, sentAt, `the agent's reply was unreadable: ${detail}`);
  }

  /**
   * Asks the agent what became of `requestId` (sent no earlier than `sentAt`), for up to
   * {@link RESOLVE_BUDGET_MS}, and never runs anything. Its reply if it ran; `not-run` if the
   * agent never received it (it then refuses it for good) and remembers everything since before
   * `sentAt`; otherwise `in-doubt` with `detail` or what the agent said. Never rejects.
   */
  async resolve(deviceId: string, requestId: string, sentAt: number, detail: string): Promise<AgentResult> {
    const subject = subjects.deviceCommand(deviceId);
    const query: DeviceCommandQuery = { requestId, query: 'outcome' };
    const deadline = Date.now() + RESOLVE_BUDGET_MS;
    let why = detail;
    for (;;) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) break;
      try {
        const msg = await this.nc.request(subject, JSON.stringify(query), { timeout: Math.min(RESOLVE_ATTEMPT_MS, remaining) });
        const parsed = DeviceCommandOutcomeSchema.safeParse(parseJsonOrText(msg.string()));
        if (!parsed.success || parsed.data.requestId !== requestId) {
          // An agent too old to answer queries, or a garbled answer: asking again will not help.
          if (!parsed.success) this.invalid.record(REPLY_PATTERN, 'schema', subject, formatZodIssues(parsed.error));
          return { type: 'in-doubt', detail: `${detail}; the agent cannot say whether it ran` };
        }
        const outcome = parsed.data;
        this.logger.info({ deviceId, requestId, status: outcome.status }, 'agent asked about a command');
        if (outcome.status === 'done') return { type: 'reply', reply: outcome.reply };
        if (outcome.status === 'not-received') {
          if (outcome.memoryFrom + CLOCK_MARGIN_MS <= sentAt) return { type: 'not-run', reason: NOT_RECEIVED_REASON };
          return { type: 'in-doubt', detail: 'the agent restarted or forgot since it was sent, so it cannot say whether it ran' };
        }
        why = 'the agent is still running it';
      } catch (err) {
        if (!(err instanceof RequestError || err instanceof TimeoutError)) break;
        why = `${detail}; the agent did not answer when asked`;
      }
      await sleep(RESOLVE_PAUSE_MS);
    }
    return { type: 'in-doubt', detail: why };
  }
}
