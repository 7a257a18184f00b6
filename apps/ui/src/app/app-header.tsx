import { CriticalAlarmBanner } from '../features/alarms';
import { UserBadge } from '../features/auth';
import { ConnectionIndicator } from '../features/connection';
import { StateCounts } from '../features/fleet-overview';

/** App name, counts by state, unacknowledged critical alarms, connection and user. */
export function AppHeader({ onLogout }: { onLogout: () => void }) {
  return (
    <header className="app-header">
      <h1>Fleet Control</h1>
      <StateCounts />
      <CriticalAlarmBanner />
      <ConnectionIndicator />
      <UserBadge onLogout={onLogout} />
    </header>
  );
}
