import { useDeviceIds } from '../../lib/fleet-context';
import { DeviceTile } from './device-tile';

interface FleetOverviewProps {
  selectedId: string | null;
  onSelect: (deviceId: string) => void;
}

/** Every known device as a tile, in a responsive grid. */
export function FleetOverview({ selectedId, onSelect }: FleetOverviewProps) {
  const ids = useDeviceIds();
  if (ids.length === 0) {
    return (
      <p className="empty" data-testid="fleet-empty">
        No devices yet. Waiting for the fleet to report…
      </p>
    );
  }
  return (
    <section className="fleet-grid" data-testid="fleet-overview" aria-label="Fleet overview">
      {ids.map((id) => (
        <DeviceTile key={id} deviceId={id} selected={id === selectedId} onSelect={onSelect} />
      ))}
    </section>
  );
}
