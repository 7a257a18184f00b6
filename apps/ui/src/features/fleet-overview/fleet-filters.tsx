import { DEVICE_KIND_NAMES, getDeviceKind } from '@fleet/contracts';
import type { DeviceFilter } from '../../lib/fleet-context';

interface FleetFiltersProps {
  filter: DeviceFilter;
  states: readonly string[];
  shown: number;
  total: number;
  onChange: (filter: DeviceFilter) => void;
}

/** Filter by kind and state, search by id. */
export function FleetFilters({ filter, states, shown, total, onChange }: FleetFiltersProps) {
  return (
    <div className="filters" role="search" aria-label="Filter devices">
      <label className="field inline">
        <span>Search</span>
        <input
          type="search"
          placeholder="device id"
          value={filter.search}
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
          data-testid="filter-search"
        />
      </label>
      <label className="field inline">
        <span>Kind</span>
        <select value={filter.kind} onChange={(e) => onChange({ ...filter, kind: e.target.value })} data-testid="filter-kind">
          <option value="">all</option>
          {DEVICE_KIND_NAMES.map((kind) => (
            <option key={kind} value={kind}>
              {getDeviceKind(kind)?.label ?? kind}
            </option>
          ))}
        </select>
      </label>
      <label className="field inline">
        <span>State</span>
        <select value={filter.state} onChange={(e) => onChange({ ...filter, state: e.target.value })} data-testid="filter-state">
          <option value="">all</option>
          {states.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </label>
      <span className="muted" data-testid="filter-shown" aria-live="polite">
        {shown} of {total} shown
      </span>
    </div>
  );
}
