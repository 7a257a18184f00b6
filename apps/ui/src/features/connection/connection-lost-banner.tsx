import { useConnectionStatus } from '../../lib/fleet-context';

/** While the gateway is unreachable, says plainly that everything on screen may be out of date. */
export function ConnectionLostBanner() {
  const status = useConnectionStatus();
  if (status !== 'reconnecting') return null;
  return (
    <div className="banner banner-warning" role="alert" data-testid="connection-lost">
      Connection to the gateway lost — reconnecting. Everything shown is the last known data.
    </div>
  );
}
