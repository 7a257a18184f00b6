/**
 * Counts, per device, the status seqs received against the seqs published: a device's
 * expected count is the span of seqs seen in the window, so a gap is a loss (or a status the
 * gateway coalesced away because a newer one superseded it before the flush).
 */
export class DeliveryTracker {
  private readonly perDevice = new Map<string, { first: number; last: number; received: number }>();

  /** Records one received status. */
  record(deviceId: string, seq: number): void {
    const entry = this.perDevice.get(deviceId);
    if (!entry) {
      this.perDevice.set(deviceId, { first: seq, last: seq, received: 1 });
      return;
    }
    // An agent restart starts seq again at 1: begin a new span.
    if (seq < entry.first) {
      this.perDevice.set(deviceId, { first: seq, last: seq, received: 1 });
      return;
    }
    entry.received++;
    if (seq > entry.last) entry.last = seq;
  }

  /** Statuses received and expected over every device. */
  totals(): { received: number; expected: number; devices: number } {
    let received = 0;
    let expected = 0;
    for (const e of this.perDevice.values()) {
      received += Math.min(e.received, e.last - e.first + 1);
      expected += e.last - e.first + 1;
    }
    return { received, expected, devices: this.perDevice.size };
  }

  /** received / expected, 1 when nothing was expected. */
  ratio(): number {
    const { received, expected } = this.totals();
    return expected === 0 ? 1 : received / expected;
  }

  reset(): void {
    this.perDevice.clear();
  }
}
