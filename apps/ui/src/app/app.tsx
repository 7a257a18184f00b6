import { useCallback, useEffect, useState } from 'react';
import { AlarmsPanel } from '../features/alarms';
import { ConnectionLostBanner } from '../features/connection';
import { DeviceDetail } from '../features/device-detail';
import { EventLog } from '../features/event-log';
import { FleetOverview } from '../features/fleet-overview';
import type { FleetClient } from '../lib/fleet-client';
import { FleetProvider } from '../lib/fleet-context';
import { AppHeader } from './app-header';

/** Composes the features; selection lives here because overview and detail share it. */
export function App({ client, onLogout }: { client: FleetClient; onLogout: () => void }) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // Stable identity, so memoized tiles do not re-render when the selection changes elsewhere.
  const select = useCallback((deviceId: string) => setSelectedId(deviceId), []);
  const close = useCallback(() => setSelectedId(null), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setSelectedId(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <FleetProvider client={client}>
      <a className="skip-link" href="#main">
        Skip to devices
      </a>
      <AppHeader onLogout={onLogout} />
      <ConnectionLostBanner />
      <main id="main" className="layout">
        <FleetOverview selectedId={selectedId} onSelect={select} />
        <div className="side">
          {selectedId && <DeviceDetail deviceId={selectedId} onClose={close} />}
          <AlarmsPanel />
          <EventLog />
        </div>
      </main>
    </FleetProvider>
  );
}
