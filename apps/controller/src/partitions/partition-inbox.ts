import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { partitionInbox, subjects, type PartitionLayout } from '@fleet/contracts';
import type { Logger } from 'pino';
import type { IntakeQueue } from '../devices/intake-queue';
import { parseJsonOrText } from '../nats/json-codec';

/** What the owner of a partition does with its messages; requests answer with a JSON-able reply. */
export interface InboxHandlers {
  status(subject: string, data: unknown): void;
  presence(subject: string, data: unknown): void;
  command(subject: string, data: unknown): Promise<unknown>;
  alarmAck(subject: string, data: unknown): Promise<unknown>;
  alarmAction(subject: string, data: unknown): Promise<unknown>;
}

/**
 * The subscriptions of the partitions this replica owns: status, presence, per-device commands
 * and acknowledgements, on the subjects the broker's mapping delivers for each partition. Status
 * and presence go through the intake queue, handled in short slices: handled straight from the
 * socket, a burst held the event loop for seconds, the lease renewals went unconfirmed, and the
 * partition was let go with its messages.
 */
export class PartitionInboxes {
  private readonly open = new Map<number, Subscription[]>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly layout: PartitionLayout,
    private readonly handlers: InboxHandlers,
    private readonly logger: Logger,
    private readonly queue: IntakeQueue,
  ) {}

  /** Starts receiving partition `p`'s messages; resolves once the broker has the subscriptions. */
  async subscribe(p: number): Promise<void> {
    if (this.open.has(p)) return;
    const inbox = partitionInbox(this.layout, p);
    const subs = [
      this.consume(inbox.status, (msg) =>
        this.queue.push(p, subjects.allDeviceStatus, msg.subject, msg.data.length, () => this.handlers.status(msg.subject, parseJsonOrText(msg.string()))),
      ),
      this.consume(inbox.presence, (msg) =>
        this.queue.push(p, subjects.allDevicePresence, msg.subject, msg.data.length, () => this.handlers.presence(msg.subject, parseJsonOrText(msg.string()))),
      ),
      this.consume(inbox.command, (msg) => this.answer(msg, this.handlers.command(msg.subject, parseJsonOrText(msg.string())))),
      this.consume(inbox.alarmAck, (msg) => this.answer(msg, this.handlers.alarmAck(msg.subject, parseJsonOrText(msg.string())))),
      this.consume(inbox.alarmAction, (msg) => this.answer(msg, this.handlers.alarmAction(msg.subject, parseJsonOrText(msg.string())))),
    ];
    this.open.set(p, subs);
    await this.nc.flush();
  }

  /**
   * Stops receiving partition `p`. `drain` lets messages already delivered and queued be handled
   * (a handover); without it they are dropped (a lost lease: someone else may own them already).
   */
  async unsubscribe(p: number, drain: boolean): Promise<void> {
    const subs = this.open.get(p);
    this.open.delete(p);
    if (!subs) return;
    if (!drain) {
      for (const sub of subs) sub.unsubscribe();
      this.queue.discard(p);
      return;
    }
    await Promise.all(subs.map((sub) => sub.drain().catch(() => sub.unsubscribe())));
    await this.queue.settled(p);
  }

  private consume(subject: string, handle: (msg: Msg) => void): Subscription {
    return this.nc.subscribe(subject, {
      callback: (err, msg) => {
        if (err) return this.logger.warn({ err: String(err), subject }, 'partition subscription failed');
        try {
          handle(msg);
        } catch (error) {
          // One bad message must not end the subscription for the whole partition.
          this.logger.error({ err: error, subject: msg.subject }, 'partition message handler failed');
        }
      },
    });
  }

  private answer(msg: Msg, reply: Promise<unknown>): void {
    reply.then(
      (body) => msg.respond(JSON.stringify(body)),
      (err: unknown) => {
        this.logger.error({ err, subject: msg.subject }, 'request handler failed');
        msg.respond(JSON.stringify({ error: 'internal error; the request was not completed' }));
      },
    );
  }
}
