import type { DeviceBatch, DeviceState, DeviceStatus } from '@fleet/contracts';

/**
 * Pending changes for one client: the latest status and state per device since the last flush.
 * Memory is bounded by the number of devices, however slowly the client drains.
 */
export class ClientBatcher {
  private statuses = new Map<string, DeviceStatus>();
  private states = new Map<string, DeviceState>();

  /** Records a status; a newer one for the same device replaces the pending one. */
  addStatus(status: DeviceStatus): void {
    this.statuses.set(status.deviceId, status);
  }

  /** Records a state; a newer one for the same device replaces the pending one. */
  addState(state: DeviceState): void {
    this.states.set(state.deviceId, state);
  }

  /** True when something changed since the last {@link take}. */
  get hasPending(): boolean {
    return this.statuses.size > 0 || this.states.size > 0;
  }

  /** Number of devices with a pending status or state entry. */
  get pendingSize(): number {
    return this.statuses.size + this.states.size;
  }

  /** Returns the pending batch and starts a new one, or `undefined` when nothing changed. */
  take(): DeviceBatch | undefined {
    if (!this.hasPending) return undefined;
    const batch: DeviceBatch = { statuses: [...this.statuses.values()], states: [...this.states.values()] };
    this.statuses = new Map();
    this.states = new Map();
    return batch;
  }
}
