import type { DeviceStatus } from '@fleet/contracts/wire';

/** Where messages go; `publish` returns false (and sends nothing) while not connected. */
export interface MessageSink {
  publish(subject: string, payload: string): boolean;
}

/** A status before the publisher stamps it. */
export type StatusBody = Omit<DeviceStatus, 'seq' | 'ts'>;

/**
 * Stamps and sends statuses: `seq` +1 per message actually sent (starting at 1), `ts` at send.
 * While the sink is not connected it keeps only the latest status, sent by {@link flush} on
 * (re)connect: an old status is worth nothing, so nothing piles up.
 */
export class StatusPublisher {
  private seq = 0;
  private pending: StatusBody | null = null;

  constructor(
    private readonly sink: MessageSink,
    private readonly subject: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seq of the last status sent; 0 before the first. */
  get lastSeq(): number {
    return this.seq;
  }

  publish(body: StatusBody): void {
    const status: DeviceStatus = { ...body, seq: this.seq + 1, ts: this.now() };
    if (this.sink.publish(this.subject, JSON.stringify(status))) {
      this.seq = status.seq;
      this.pending = null;
    } else {
      this.pending = body;
    }
  }

  /** Sends the status kept while disconnected, if any. */
  flush(): void {
    if (this.pending) this.publish(this.pending);
  }
}
