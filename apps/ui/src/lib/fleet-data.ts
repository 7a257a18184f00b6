import type { DeviceBatch, DeviceState, DeviceStatus } from '@fleet/contracts';

/** What the UI knows about one device: the controller's state and the latest status. */
export interface DeviceView {
  readonly deviceId: string;
  readonly kind: string;
  readonly state?: DeviceState;
  readonly status?: DeviceStatus;
  /** Page clock (ms) when the latest status arrived; unset until one does. */
  readonly receivedAt?: number;
  /** No status for {@link STALE_PERIODS} status periods (or never): what is shown may be old. */
  readonly stale: boolean;
}

/** Missed status periods after which a device's data is marked stale. */
export const STALE_PERIODS = 3;

/** Status rate assumed until the controller reports the device's own. */
const DEFAULT_STATUS_HZ = 10;

/** How long a device may go without a status before its data counts as stale. */
export function staleAfterMs(view: DeviceView): number {
  return (STALE_PERIODS * 1000) / (view.state?.statusHz ?? DEFAULT_STATUS_HZ);
}

/** True when `view` has had no status for longer than {@link staleAfterMs} at `now`. */
export function isStaleAt(view: DeviceView, now: number): boolean {
  return view.receivedAt === undefined || now - view.receivedAt > staleAfterMs(view);
}

/** Every known device. Each `DeviceView` is immutable, so identity tells what changed. */
export interface FleetData {
  readonly devices: ReadonlyMap<string, DeviceView>;
  /** Sorted device ids; a new array only when the set of devices changes. */
  readonly ids: readonly string[];
}

/** Result of applying server data: the new data and which devices changed. */
export interface FleetUpdate {
  readonly data: FleetData;
  readonly changed: ReadonlySet<string>;
  readonly idsChanged: boolean;
  readonly statesChanged: boolean;
}

/** No devices yet. */
export const EMPTY_FLEET: FleetData = { devices: new Map(), ids: [] };

function merge(devices: Map<string, DeviceView>, batch: DeviceBatch, changed: Set<string>, now: number): boolean {
  let statesChanged = false;
  for (const status of batch.statuses) {
    const current = devices.get(status.deviceId);
    devices.set(status.deviceId, { deviceId: status.deviceId, kind: status.kind, state: current?.state, status, receivedAt: now, stale: false });
    changed.add(status.deviceId);
  }
  for (const state of batch.states) {
    const current = devices.get(state.deviceId);
    devices.set(state.deviceId, {
      deviceId: state.deviceId,
      kind: state.kind,
      state,
      status: current?.status,
      receivedAt: current?.receivedAt,
      stale: current?.stale ?? true,
    });
    changed.add(state.deviceId);
    statesChanged = true;
  }
  return statesChanged;
}

function sortedIds(devices: ReadonlyMap<string, DeviceView>): string[] {
  return [...devices.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** `devices` event: merges the changed devices into `prev`. */
export function mergeBatch(prev: FleetData, batch: DeviceBatch, now: number = Date.now()): FleetUpdate {
  const devices = new Map(prev.devices);
  const changed = new Set<string>();
  const statesChanged = merge(devices, batch, changed, now);
  const idsChanged = devices.size !== prev.devices.size;
  return { data: { devices, ids: idsChanged ? sortedIds(devices) : prev.ids }, changed, idsChanged, statesChanged };
}

/** `snapshot` event: replaces everything (after a reconnect the old view may be stale). */
export function replaceFleet(prev: FleetData, snapshot: DeviceBatch, now: number = Date.now()): FleetUpdate {
  const devices = new Map<string, DeviceView>();
  const changed = new Set<string>(prev.devices.keys());
  merge(devices, snapshot, changed, now);
  const ids = sortedIds(devices);
  const idsChanged = ids.length !== prev.ids.length || ids.some((id, i) => id !== prev.ids[i]);
  return { data: { devices, ids: idsChanged ? ids : prev.ids }, changed, idsChanged, statesChanged: true };
}

/** Label used for devices whose controller state is not known yet. */
export const UNKNOWN_STATE = 'Unknown';

/** Number of devices per state, sorted by state name. */
export function countByState(data: FleetData): ReadonlyArray<readonly [string, number]> {
  const counts = new Map<string, number>();
  for (const device of data.devices.values()) {
    const state = device.state?.state ?? UNKNOWN_STATE;
    counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** Marks devices whose status is overdue as stale; returns the update, or `undefined` if none changed. */
export function markStale(prev: FleetData, now: number): FleetUpdate | undefined {
  let devices: Map<string, DeviceView> | undefined;
  const changed = new Set<string>();
  for (const view of prev.devices.values()) {
    if (view.stale || !isStaleAt(view, now)) continue;
    devices ??= new Map(prev.devices);
    devices.set(view.deviceId, { ...view, stale: true });
    changed.add(view.deviceId);
  }
  if (devices === undefined) return undefined;
  return { data: { devices, ids: prev.ids }, changed, idsChanged: false, statesChanged: false };
}

/** Fleet-wide figures for the header: how many devices, and how many need a second look. */
export interface FleetHealth {
  readonly total: number;
  readonly stale: number;
  readonly linkDown: number;
}

/** Counts stale and link-down devices. */
export function healthOf(data: FleetData): FleetHealth {
  let stale = 0;
  let linkDown = 0;
  for (const view of data.devices.values()) {
    if (view.stale) stale += 1;
    if ((view.status?.link ?? view.state?.link) === 'down') linkDown += 1;
  }
  return { total: data.devices.size, stale, linkDown };
}
