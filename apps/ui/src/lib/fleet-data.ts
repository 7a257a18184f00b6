import type { DeviceBatch, DeviceState, DeviceStatus } from '@fleet/contracts';

/** What the UI knows about one device: the controller's state and the latest status. */
export interface DeviceView {
  readonly deviceId: string;
  readonly kind: string;
  readonly state?: DeviceState;
  readonly status?: DeviceStatus;
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

function merge(devices: Map<string, DeviceView>, batch: DeviceBatch, changed: Set<string>): boolean {
  let statesChanged = false;
  for (const status of batch.statuses) {
    const current = devices.get(status.deviceId);
    devices.set(status.deviceId, { deviceId: status.deviceId, kind: status.kind, state: current?.state, status });
    changed.add(status.deviceId);
  }
  for (const state of batch.states) {
    const current = devices.get(state.deviceId);
    devices.set(state.deviceId, { deviceId: state.deviceId, kind: state.kind, state, status: current?.status });
    changed.add(state.deviceId);
    statesChanged = true;
  }
  return statesChanged;
}

function sortedIds(devices: ReadonlyMap<string, DeviceView>): string[] {
  return [...devices.keys()].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
}

/** `devices` event: merges the changed devices into `prev`. */
export function mergeBatch(prev: FleetData, batch: DeviceBatch): FleetUpdate {
  const devices = new Map(prev.devices);
  const changed = new Set<string>();
  const statesChanged = merge(devices, batch, changed);
  const idsChanged = devices.size !== prev.devices.size;
  return { data: { devices, ids: idsChanged ? sortedIds(devices) : prev.ids }, changed, idsChanged, statesChanged };
}

/** `snapshot` event: replaces everything (after a reconnect the old view may be stale). */
export function replaceFleet(prev: FleetData, snapshot: DeviceBatch): FleetUpdate {
  const devices = new Map<string, DeviceView>();
  const changed = new Set<string>(prev.devices.keys());
  merge(devices, snapshot, changed);
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
