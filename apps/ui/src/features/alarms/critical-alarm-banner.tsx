import { alarmSummary } from '../../lib/alarm-view';
import { useAlarms, useEventLog, useNow } from '../../lib/fleet-context';

/**
 * The annunciator: shown while a critical alarm needs action (unacknowledged, not shelved), and
 * counting only what needs action now. In a flood it collapses to counts by priority.
 */
export function CriticalAlarmBanner() {
  const summary = alarmSummary(useAlarms(), useEventLog(), useNow(5000));
  const first = summary.first;
  if (!first) return null;
  const counts = (['critical', 'warning', 'info'] as const)
    .filter((s) => summary.counts[s] > 0)
    .map((s) => `${summary.counts[s]} ${s}`)
    .join(' · ');
  return (
    <a className="critical-banner" href="#alarms" role="alert" data-testid="critical-banner" data-count={summary.counts.critical} data-flood={summary.flood}>
      <span aria-hidden="true">⚠</span>{' '}
      {summary.flood ? `Alarm flood: ${counts} need action` : `${counts} need action: ${first.deviceId} — ${first.message}`}
    </a>
  );
}
