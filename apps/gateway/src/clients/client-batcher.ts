import type { DeviceBatch, DeviceState, DeviceStatus, FleetEvent } from '@fleet/contracts';

/** Fleet events kept for a client that cannot keep up; older ones are dropped first. */
export const MAX_QUEUED_EVENTS = 500;

/**
 * Pending changes for one client: the latest status and state per device since the last flush,
 * and the fleet events not yet sent. Memory is bounded by the number of devices plus
 * {@link MAX_QUEUED_EVENTS}, however slowly the client drains.
 */
export class ClientBatcher {
  private statuses = new Map<string, DeviceStatus>();
  private states = new Map<string, DeviceState>();
  private events: FleetEvent[] = [];

  /** Records a status; a newer one for the same device replaces the pending one. */
  addStatus(status: DeviceStatus): void {
    this.statuses.set(status.deviceId, status);
  }

  /** Records a state; a newer one for the same device replaces the pending one. */
  addState(state: DeviceState): void {
    this.states.set(state.deviceId, state);
  }

  /** Queues an event; returns how many old events were dropped to make room (0 or 1). */
  addEvent(event: FleetEvent): number {
    this.events.push(event);
    if (this.events.length <= MAX_QUEUED_EVENTS) return 0;
    this.events.shift();
    return 1;
  }

  /** True when something changed since the last {@link take}. */
  get hasPending(): boolean {
    return this.statuses.size > 0 || this.states.size > 0 || this.events.length > 0;
  }

  /** Number of pending entries: devices with a status or state, plus queued events. */
  get pendingSize(): number {
    return this.statuses.size + this.states.size + this.events.length;
  }

  /** Returns the pending batch (if any device changed) and events, and starts afresh. */
  take(): { batch: DeviceBatch | undefined; events: FleetEvent[] } {
    const batch =
      this.statuses.size > 0 || this.states.size > 0
        ? { statuses: [...this.statuses.values()], states: [...this.states.values()] }
        : undefined;
    const events = this.events;
    this.statuses = new Map();
    this.states = new Map();
    this.events = [];
    return { batch, events };
  }
}
