import { useConnectionStatus } from '../../lib/fleet-context';
import type { ConnectionStatus } from '../../lib/connection-store';

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Not authorized',
};

/** Shows whether the page is live; operators must know when what they see may be stale. */
export function ConnectionIndicator() {
  const status = useConnectionStatus();
  return (
    <span className={`connection connection-${status}`} data-testid="connection-status" data-status={status} role="status">
      <span className="connection-dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
