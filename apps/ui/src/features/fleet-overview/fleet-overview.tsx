import { useMemo, useRef, useState } from 'react';
import { useFilteredIds, useDeviceIds, useStateCounts, type DeviceFilter } from '../../lib/fleet-context';
import { DeviceTile } from './device-tile';
import { FleetFilters } from './fleet-filters';
import { useVirtualGrid, type GridGeometry } from './use-virtual-grid';

interface FleetOverviewProps {
  selectedId: string | null;
  onSelect: (deviceId: string) => void;
}

/** Tile size is fixed (see `.tile` in styles.css) so rows can be virtualised. */
const GEOMETRY: GridGeometry = { minTileWidth: 180, rowHeight: 104, gap: 10, overscan: 3 };

const NO_FILTER: DeviceFilter = { kind: '', state: '', search: '' };

/** Every known device as a tile, filterable, in a responsive, virtualised grid. */
export function FleetOverview({ selectedId, onSelect }: FleetOverviewProps) {
  const [filter, setFilter] = useState<DeviceFilter>(NO_FILTER);
  const all = useDeviceIds();
  const ids = useFilteredIds(filter);
  const counts = useStateCounts();
  const states = useMemo(() => counts.map(([state]) => state), [counts]);
  const gridRef = useRef<HTMLDivElement>(null);
  const { columns, firstRow, lastRow } = useVirtualGrid(gridRef, GEOMETRY);
  const rows = Math.ceil(ids.length / columns);
  const pitch = GEOMETRY.rowHeight + GEOMETRY.gap;
  const visible = ids.slice(firstRow * columns, (Math.min(lastRow, rows - 1) + 1) * columns);

  return (
    <section className="overview" aria-label="Fleet overview">
      <FleetFilters filter={filter} states={states} shown={ids.length} total={all.length} onChange={setFilter} />
      {all.length === 0 && (
        <p className="empty" data-testid="fleet-empty">
          No devices yet. Waiting for the fleet to report…
        </p>
      )}
      <div ref={gridRef} className="fleet-grid-frame" style={{ height: Math.max(0, rows * pitch - GEOMETRY.gap) }} data-testid="fleet-overview" data-count={ids.length}>
        <div
          className="fleet-grid"
          style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridAutoRows: GEOMETRY.rowHeight, gap: GEOMETRY.gap, transform: `translateY(${firstRow * pitch}px)` }}
        >
          {visible.map((id) => (
            <DeviceTile key={id} deviceId={id} selected={id === selectedId} onSelect={onSelect} />
          ))}
        </div>
      </div>
    </section>
  );
}
