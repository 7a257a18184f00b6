import { useEffect, useMemo } from 'react';
import { alarmHistory, describeHistoryEntry } from '../../lib/alarm-history';
import { useEventLog, useFleetClient } from '../../lib/fleet-context';
import { formatTime } from '../../lib/format-time';

/**
 * The device's recent alarm events from the event stream: raised, cleared, acknowledged (who,
 * comment), shelved and unshelved, out of service and back; newest first.
 */
export function AlarmHistory({ deviceId }: { deviceId: string }) {
  const client = useFleetClient();
  const events = useEventLog();
  // The fleet-wide page may not reach this device's older events; its own history does.
  useEffect(() => {
    void client.loadHistory(deviceId);
  }, [client, deviceId]);
  const entries = useMemo(() => alarmHistory(events, deviceId), [events, deviceId]);
  return (
    <section className="alarm-history" aria-label={`Alarm history of ${deviceId}`} data-testid="alarm-history">
      <h3>Alarm history</h3>
      {entries.length === 0 ? (
        <p className="muted">No alarm events.</p>
      ) : (
        <ol className="event-list">
          {entries.map((entry) => {
            const detail = describeHistoryEntry(entry);
            return (
              <li key={entry.id} className="event" data-testid="alarm-history-row" data-action={entry.action} data-severity={entry.severity}>
                <time dateTime={new Date(entry.ts).toISOString()}>{formatTime(entry.ts)}</time>
                <span className="event-device">{entry.what}</span>
                <span className="event-text">
                  {entry.severity && <span className={`severity severity-${entry.severity}`}>{entry.severity}</span>} {entry.message}
                  {detail && <span className="history-detail" data-testid="alarm-history-detail">{detail}</span>}
                  {entry.until !== undefined && <span> until {formatTime(entry.until)}</span>}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
