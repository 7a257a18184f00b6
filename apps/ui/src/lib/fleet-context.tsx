import type { Alarm, FleetEvent, OutOfService, Session } from '@fleet/contracts';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionStatus } from './connection-store';
import type { DeviceView, FleetHealth } from './fleet-data';
import type { FleetClient } from './fleet-client';

const FleetContext = createContext<FleetClient | null>(null);

/** Makes the fleet client available to every feature. */
export function FleetProvider({ client, children }: { client: FleetClient; children: ReactNode }) {
  return <FleetContext.Provider value={client}>{children}</FleetContext.Provider>;
}

/** The fleet client; throws when used outside {@link FleetProvider} (a wiring bug). */
export function useFleetClient(): FleetClient {
  const client = useContext(FleetContext);
  if (!client) throw new Error('useFleetClient must be used inside <FleetProvider>');
  return client;
}

/** Sorted ids of every known device; re-renders only when the set changes. */
export function useDeviceIds(): readonly string[] {
  const { store } = useFleetClient();
  return useSyncExternalStore(store.subscribe, store.getIds, store.getIds);
}

/** Which devices a filter keeps. */
export interface DeviceFilter {
  readonly kind: string;
  readonly state: string;
  readonly search: string;
}

/** Ids passing the filter (empty kind/state/search match all); recomputed on transitions only. */
export function useFilteredIds(filter: DeviceFilter): readonly string[] {
  const { store } = useFleetClient();
  const ids = useSyncExternalStore(store.subscribe, store.getIds, store.getIds);
  const version = useSyncExternalStore(store.subscribe, store.getStatesVersion, store.getStatesVersion);
  return useMemo(() => {
    const search = filter.search.trim().toLowerCase();
    if (!filter.kind && !filter.state && !search) return ids;
    return ids.filter((id) => {
      const device = store.getDevice(id);
      if (!device) return false;
      if (filter.kind && device.kind !== filter.kind) return false;
      if (filter.state && (device.state?.state ?? 'Unknown') !== filter.state) return false;
      return !search || id.toLowerCase().includes(search);
    });
    // `version` changes whenever any state changes, which the state filter depends on.
  }, [ids, version, store, filter.kind, filter.state, filter.search]);
}

/** One device; re-renders only when that device changes. */
export function useDevice(deviceId: string): DeviceView | undefined {
  const { store } = useFleetClient();
  const subscribe = useCallback((listener: () => void) => store.subscribeDevice(deviceId, listener), [store, deviceId]);
  const getSnapshot = useCallback(() => store.getDevice(deviceId), [store, deviceId]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** Devices per state, sorted by state name. */
export function useStateCounts(): ReadonlyArray<readonly [string, number]> {
  const { store } = useFleetClient();
  return useSyncExternalStore(store.subscribe, store.getCounts, store.getCounts);
}

/** Total, stale and link-down device counts. */
export function useFleetHealth(): FleetHealth {
  const { store } = useFleetClient();
  return useSyncExternalStore(store.subscribe, store.getHealth, store.getHealth);
}

/** The gateway connection status. */
export function useConnectionStatus(): ConnectionStatus {
  const { connection } = useFleetClient();
  return useSyncExternalStore(connection.subscribe, connection.getStatus, connection.getStatus);
}

/** Who is logged in, once the gateway said so. */
export function useSession(): Session | null {
  const { session } = useFleetClient();
  return useSyncExternalStore(session.subscribe, session.get, session.get);
}

/** True when the logged-in user may command devices and acknowledge alarms. */
export function useCanOperate(): boolean {
  return useSession()?.role === 'operator';
}

/** Active or unacknowledged alarms, unacknowledged and most severe first. */
export function useAlarms(): readonly Alarm[] {
  const { alarms } = useFleetClient();
  return useSyncExternalStore(alarms.subscribe, alarms.get, alarms.get);
}

/** Devices out of service (maintenance). */
export function useOutOfService(): readonly OutOfService[] {
  const { alarms } = useFleetClient();
  return useSyncExternalStore(alarms.outOfService.subscribe, alarms.outOfService.get, alarms.outOfService.get);
}

/** `Date.now()`, refreshed every `everyMs` (ages and flood windows move on by themselves). */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Recent fleet events, oldest first. */
export function useEventLog(): readonly FleetEvent[] {
  const { events } = useFleetClient();
  return useSyncExternalStore(events.subscribe, events.get, events.get);
}
