import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ConnectionStatus } from './connection-store';
import type { DeviceView } from './fleet-data';
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

/** The gateway connection status. */
export function useConnectionStatus(): ConnectionStatus {
  const { connection } = useFleetClient();
  return useSyncExternalStore(connection.subscribe, connection.getStatus, connection.getStatus);
}
