import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { InvalidMessages } from '../common/invalid-messages';
import { LOGGER } from '../logger/logger.constants';

/**
 * Longest stretch of queued handling in one event-loop turn. Between slices the loop runs timers
 * and reads other sockets, so a flood of status cannot starve the partition lease renewals (a
 * lease not confirmed within 750 ms is let go, and the partition's messages with it).
 */
export const INTAKE_SLICE_MS = 10;
/** Most payload bytes waiting; beyond it messages are dropped and counted (the broker's own per-client limit is 64 MB). */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
/** Reason label of a message dropped because the backlog was full. */
export const OVERLOAD_REASON = 'overload';

interface Queued {
  readonly partition: number;
  readonly receivedAt: number;
  readonly bytes: number;
  readonly handle: () => void;
}

/** The logging the queue does. */
export type IntakeLogger = Pick<Logger, 'warn' | 'info' | 'error'>;

/** Entries handled before the array is compacted. */
const COMPACT_AFTER = 1024;

/**
 * Status and presence received but not yet handled, in arrival order. The partition
 * subscriptions only enqueue; handling runs in slices of at most {@link INTAKE_SLICE_MS}, so a
 * burst is handled at full speed without holding the event loop for seconds. The offline sweep
 * judges silence only up to {@link heardUpTo}: a status still queued is heard, not silence.
 */
@Injectable()
export class IntakeQueue {
  private items: Queued[] = [];
  private head = 0;
  private bytes = 0;
  private readonly perPartition = new Map<number, number>();
  private readonly waiters: Array<{ partition: number; resolve: () => void }> = [];
  /** Messages queued and messages done with (handled or discarded) so far, for {@link caughtUp}. */
  private queued = 0;
  private finished = 0;
  private readonly barriers: Array<{ upTo: number; resolve: () => void }> = [];
  private scheduled = false;
  private overflowing = false;

  constructor(
    @Inject(LOGGER) private readonly logger: IntakeLogger,
    private readonly invalid: InvalidMessages,
  ) {}

  /**
   * Queues one message of `partition` for `handle`. When the backlog is full it is dropped and
   * counted under `pattern` with reason `overload`.
   */
  push(partition: number, pattern: string, subject: string, bytes: number, handle: () => void): void {
    if (this.bytes + bytes > MAX_QUEUED_BYTES && this.pending() > 0) {
      if (!this.overflowing) this.logger.warn({ queued: this.pending(), bytes: this.bytes }, 'intake backlog full: dropping status and presence until it drains');
      this.overflowing = true;
      this.invalid.record(pattern, OVERLOAD_REASON, subject, `intake backlog over ${MAX_QUEUED_BYTES} bytes`);
      return;
    }
    this.items.push({ partition, receivedAt: Date.now(), bytes, handle });
    this.queued += 1;
    this.bytes += bytes;
    this.perPartition.set(partition, (this.perPartition.get(partition) ?? 0) + 1);
    this.schedule();
  }

  /** Messages waiting. */
  pending(): number {
    return this.items.length - this.head;
  }

  /** Everything received before this time has been handled: the oldest waiting arrival, or `now`. */
  heardUpTo(now: number): number {
    return this.items[this.head]?.receivedAt ?? now;
  }

  /**
   * Resolves once every message waiting now has been handled (or discarded); messages queued
   * later do not hold it back, so it resolves even under a sustained flood.
   */
  caughtUp(): Promise<void> {
    if (this.finished >= this.queued) return Promise.resolve();
    return new Promise((resolve) => this.barriers.push({ upTo: this.queued, resolve }));
  }

  /** Drops the waiting messages of `partition` (its lease was lost: another replica may own them now). */
  discard(partition: number): void {
    if (!this.perPartition.has(partition)) return;
    const kept = this.items.slice(this.head).filter((item) => item.partition !== partition);
    this.finished += this.pending() - kept.length;
    this.items = kept;
    this.head = 0;
    this.bytes = kept.reduce((sum, item) => sum + item.bytes, 0);
    this.perPartition.delete(partition);
    this.wake();
  }

  /** Resolves once no message of `partition` is waiting (a handover finishes its work first). */
  settled(partition: number): Promise<void> {
    if (!this.perPartition.has(partition)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ partition, resolve }));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.slice());
  }

  private slice(): void {
    this.scheduled = false;
    const end = performance.now() + INTAKE_SLICE_MS;
    while (this.head < this.items.length) {
      const item = this.items[this.head];
      this.head += 1;
      if (!item) continue;
      this.done(item);
      try {
        item.handle();
      } catch (err) {
        // One bad message must not stop the others.
        this.logger.error({ err, partition: item.partition }, 'partition message handler failed');
      }
      if (performance.now() >= end) break;
    }
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    if (this.pending() > 0) this.schedule();
    else if (this.overflowing) {
      this.overflowing = false;
      this.logger.info('intake backlog drained');
    }
    this.wake();
  }

  private done(item: Queued): void {
    this.finished += 1;
    this.bytes -= item.bytes;
    const left = (this.perPartition.get(item.partition) ?? 1) - 1;
    if (left > 0) this.perPartition.set(item.partition, left);
    else this.perPartition.delete(item.partition);
  }

  private wake(): void {
    while (this.barriers[0] && this.barriers[0].upTo <= this.finished) this.barriers.shift()?.resolve();
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i];
      if (waiter && !this.perPartition.has(waiter.partition)) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }
}
