import { ConnectionIndicator } from '../features/connection';
import { StateCounts } from '../features/fleet-overview';

/** App name, connection status and counts by state. */
export function AppHeader() {
  return (
    <header className="app-header">
      <h1>Fleet Control</h1>
      <StateCounts />
      <ConnectionIndicator />
    </header>
  );
}
