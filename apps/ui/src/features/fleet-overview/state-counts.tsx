import { useFleetHealth, useStateCounts } from '../../lib/fleet-context';

/** Devices in total and per state, plus how many are stale or have their link down. */
export function StateCounts() {
  const counts = useStateCounts();
  const health = useFleetHealth();
  return (
    <ul className="state-counts" data-testid="state-counts" aria-label="Devices by state">
      <li data-testid="count-total">
        <span className="state-count-name">devices</span> <span className="state-count-value">{health.total}</span>
      </li>
      {counts.map(([state, count]) => (
        <li key={state} data-testid={`state-count-${state}`}>
          <span className="state-count-name">{state}</span> <span className="state-count-value">{count}</span>
        </li>
      ))}
      {health.linkDown > 0 && (
        <li className="count-alert" data-testid="count-link-down">
          <span className="state-count-name">link down</span> <span className="state-count-value">{health.linkDown}</span>
        </li>
      )}
      {health.stale > 0 && (
        <li className="count-warn" data-testid="count-stale">
          <span className="state-count-name">stale</span> <span className="state-count-value">{health.stale}</span>
        </li>
      )}
    </ul>
  );
}
