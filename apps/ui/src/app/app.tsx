import { useCallback, useState } from 'react';
import { DeviceDetail } from '../features/device-detail';
import { FleetOverview } from '../features/fleet-overview';
import type { FleetClient } from '../lib/fleet-client';
import { FleetProvider } from '../lib/fleet-context';
import { AppHeader } from './app-header';

/** Composes the features; selection lives here because overview and detail share it. */
export function App({ client }: { client: FleetClient }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Stable identity, so memoized tiles do not re-render when the selection changes elsewhere.
  const select = useCallback((deviceId: string) => setSelectedId(deviceId), []);
  const close = useCallback(() => setSelectedId(null), []);
  return (
    <FleetProvider client={client}>
      <AppHeader />
      <main className={selectedId ? 'layout with-detail' : 'layout'}>
        <FleetOverview selectedId={selectedId} onSelect={select} />
        {selectedId && <DeviceDetail deviceId={selectedId} onClose={close} />}
      </main>
    </FleetProvider>
  );
}
