import { getDeviceKind, type DeviceBatch } from '@fleet/contracts';
import {
  EMPTY_FLEET,
  countByState,
  healthOf,
  markStale,
  mergeBatch,
  replaceFleet,
  type DeviceView,
  type FleetData,
  type FleetHealth,
  type FleetUpdate,
} from './fleet-data';
import { TrendBuffer } from './trend-buffer';

type Listener = () => void;

/** How often overdue devices are looked for; well under one status period. */
const STALE_CHECK_MS = 100;

/**
 * External store for `useSyncExternalStore`. Each tile subscribes to its own device, so a
 * status for one device re-renders one tile, not the fleet (10 Hz x hundreds of devices).
 */
export class FleetStore {
  private data: FleetData = EMPTY_FLEET;
  private counts: ReadonlyArray<readonly [string, number]> = [];
  private health: FleetHealth = { total: 0, stale: 0, linkDown: 0 };
  private statesVersion = 0;
  private readonly trends = new Map<string, TrendBuffer>();
  private readonly fleetListeners = new Set<Listener>();
  private readonly deviceListeners = new Map<string, Set<Listener>>();
  private staleTimer: ReturnType<typeof setInterval> | undefined;

  /** Sorted ids of every known device. */
  readonly getIds = (): readonly string[] => this.data.ids;

  /** One device, or `undefined` when unknown. */
  readonly getDevice = (deviceId: string): DeviceView | undefined => this.data.devices.get(deviceId);

  /** Devices per state; a new array only when a count changes. */
  readonly getCounts = (): ReadonlyArray<readonly [string, number]> => this.counts;

  /** Total, stale and link-down counts; a new object only when one changes. */
  readonly getHealth = (): FleetHealth => this.health;

  /** Bumped whenever any device's controller state changes (for filters by state). */
  readonly getStatesVersion = (): number => this.statesVersion;

  /** Notified when the set of devices, any state, or the counts change. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.fleetListeners.add(listener);
    return () => this.fleetListeners.delete(listener);
  };

  /** Notified when this device's state, status or staleness changes. */
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

  /** The main reading of a device over the last minute, for its trend chart. */
  trendOf(deviceId: string): TrendBuffer | undefined {
    return this.trends.get(deviceId);
  }

  /** Starts marking overdue devices as stale; returns the stop function. */
  startStaleCheck(now: () => number = Date.now): () => void {
    clearInterval(this.staleTimer);
    this.staleTimer = setInterval(() => this.checkStale(now()), STALE_CHECK_MS);
    return () => clearInterval(this.staleTimer);
  }

  /** Marks devices without a recent status as stale (exposed for tests; normally timed). */
  checkStale(now: number): void {
    const update = markStale(this.data, now);
    if (update) this.commit(update);
  }

  /** Applies a `snapshot` (replace all). */
  applySnapshot(snapshot: DeviceBatch, now: number = Date.now()): void {
    this.recordTrends(snapshot);
    this.commit(replaceFleet(this.data, snapshot, now));
  }

  /** Applies a `devices` batch (merge). */
  applyBatch(batch: DeviceBatch, now: number = Date.now()): void {
    this.recordTrends(batch);
    this.commit(mergeBatch(this.data, batch, now));
  }

  private recordTrends(batch: DeviceBatch): void {
    for (const status of batch.statuses) {
      const key = getDeviceKind(status.kind)?.mainReading;
      if (key === undefined) continue;
      let trend = this.trends.get(status.deviceId);
      if (!trend) {
        trend = new TrendBuffer();
        this.trends.set(status.deviceId, trend);
      }
      trend.push(status.ts, status.readings[key] ?? null);
    }
  }

  private commit(update: FleetUpdate): void {
    this.data = update.data;
    let fleetChanged = update.idsChanged;
    if (update.idsChanged) {
      for (const id of this.trends.keys()) if (!update.data.devices.has(id)) this.trends.delete(id);
    }
    if (update.statesChanged || update.idsChanged) {
      this.statesVersion += 1;
      fleetChanged = true;
      const counts = countByState(update.data);
      if (!sameCounts(counts, this.counts)) this.counts = counts;
    }
    const health = healthOf(update.data);
    if (health.total !== this.health.total || health.stale !== this.health.stale || health.linkDown !== this.health.linkDown) {
      this.health = health;
      fleetChanged = true;
    }
    for (const id of update.changed) this.deviceListeners.get(id)?.forEach((listener) => listener());
    if (fleetChanged) this.fleetListeners.forEach((listener) => listener());
  }
}

function sameCounts(a: ReadonlyArray<readonly [string, number]>, b: ReadonlyArray<readonly [string, number]>): boolean {
  return a.length === b.length && a.every(([state, n], i) => b[i]?.[0] === state && b[i]?.[1] === n);
}
