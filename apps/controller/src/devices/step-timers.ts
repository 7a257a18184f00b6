/**
 * One pending timed-step timer per device. Starting a timer replaces the device's previous one,
 * so a device can never complete two steps from stale timers.
 */
export class StepTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Calls `onDeadline` at `deadline` (ms since epoch), or on the next tick if it has passed. */
  start(deviceId: string, deadline: number, onDeadline: () => void): void {
    this.cancel(deviceId);
    const delay = Math.max(0, deadline - this.clock());
    const timer = setTimeout(() => {
      this.timers.delete(deviceId);
      onDeadline();
    }, delay);
    this.timers.set(deviceId, timer);
  }

  cancel(deviceId: string): void {
    const timer = this.timers.get(deviceId);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(deviceId);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  get pending(): number {
    return this.timers.size;
  }
}
