import { useAlarms } from '../../lib/fleet-context';
import { AlarmRow } from './alarm-row';

/** Active or unacknowledged alarms, the ones needing attention first. */
export function AlarmsPanel() {
  const alarms = useAlarms();
  return (
    <section className="panel" id="alarms" aria-labelledby="alarms-title" data-testid="alarms-panel" tabIndex={-1}>
      <h2 id="alarms-title">
        Alarms <span className="count">{alarms.length}</span>
      </h2>
      {alarms.length === 0 ? (
        <p className="muted">No active alarms.</p>
      ) : (
        <ul className="alarm-list">
          {alarms.map((alarm) => (
            <AlarmRow key={alarm.id} alarm={alarm} />
          ))}
        </ul>
      )}
    </section>
  );
}
