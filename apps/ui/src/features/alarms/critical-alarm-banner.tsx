import { isUnacknowledgedCritical } from '../../lib/alarm-store';
import { useAlarms } from '../../lib/fleet-context';

/** Stays in the header while any critical alarm is unacknowledged. */
export function CriticalAlarmBanner() {
  const critical = useAlarms().filter(isUnacknowledgedCritical);
  const first = critical[0];
  if (!first) return null;
  const more = critical.length > 1 ? ` (+${critical.length - 1} more)` : '';
  return (
    <a className="critical-banner" href="#alarms" role="alert" data-testid="critical-banner" data-count={critical.length}>
      <span aria-hidden="true">⚠</span> {critical.length} unacknowledged critical: {first.deviceId} — {first.message}
      {more}
    </a>
  );
}
