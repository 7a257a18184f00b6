import { useStateCounts } from '../../lib/fleet-context';

/** Number of devices per state, for the header. */
export function StateCounts() {
  const counts = useStateCounts();
  return (
    <ul className="state-counts" data-testid="state-counts" aria-label="Devices by state">
      {counts.map(([state, count]) => (
        <li key={state} data-testid={`state-count-${state}`}>
          <span className="state-count-name">{state}</span> <span className="state-count-value">{count}</span>
        </li>
      ))}
    </ul>
  );
}
