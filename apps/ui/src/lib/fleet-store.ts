import type { DeviceBatch } from '@fleet/contracts';
import { EMPTY_FLEET, countByState, mergeBatch, replaceFleet, type DeviceView, type FleetData, type FleetUpdate } from './fleet-data';

type Listener = () => void;

/**
 * External store for `useSyncExternalStore`. Each tile subscribes to its own device, so a
 * status for one device re-renders one tile, not the fleet (10 Hz x hundreds of devices).
 */
export class FleetStore {
  private data: FleetData = EMPTY_FLEET;
  private counts: ReadonlyArray<readonly [string, number]> = [];
  private readonly fleetListeners = new Set<Listener>();
  private readonly deviceListeners = new Map<string, Set<Listener>>();

  /** Sorted ids of every known device. */
  readonly getIds = (): readonly string[] => this.data.ids;

  /** One device, or `undefined` when unknown. */
  readonly getDevice = (deviceId: string): DeviceView | undefined => this.data.devices.get(deviceId);

  /** Devices per state; a new array only when a count changes. */
  readonly getCounts = (): ReadonlyArray<readonly [string, number]> => this.counts;

  /** Notified when the set of devices or the counts by state change. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.fleetListeners.add(listener);
    return () => this.fleetListeners.delete(listener);
  };

  /** Notified when this device's state or status changes. */
  readonly subscribeDevice = (deviceId: string, listener: Listener): (() => void) => {
    let listeners = this.deviceListeners.get(deviceId);
    if (!listeners) {
      listeners = new Set();
      this.deviceListeners.set(deviceId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.deviceListeners.delete(deviceId);
    };
  };

  /** Applies a `snapshot` (replace all). */
  applySnapshot(snapshot: DeviceBatch): void {
    this.commit(replaceFleet(this.data, snapshot));
  }

  /** Applies a `devices` batch (merge). */
  applyBatch(batch: DeviceBatch): void {
    this.commit(mergeBatch(this.data, batch));
  }

  private commit(update: FleetUpdate): void {
    this.data = update.data;
    let fleetChanged = update.idsChanged;
    if (update.statesChanged || update.idsChanged) {
      const counts = countByState(update.data);
      if (!sameCounts(counts, this.counts)) {
        this.counts = counts;
        fleetChanged = true;
      }
    }
    for (const id of update.changed) this.deviceListeners.get(id)?.forEach((listener) => listener());
    if (fleetChanged) this.fleetListeners.forEach((listener) => listener());
  }
}

function sameCounts(a: ReadonlyArray<readonly [string, number]>, b: ReadonlyArray<readonly [string, number]>): boolean {
  return a.length === b.length && a.every(([state, n], i) => b[i]?.[0] === state && b[i]?.[1] === n);
}
