import { useEffect, useId, useMemo, useState } from 'react';
import { useDeviceIds, useEventLog, useFleetClient } from '../../lib/fleet-context';
import { formatTime } from '../../lib/format-time';
import { describeEvent } from './describe-event';

/** Rows rendered at most; the log keeps more for filtering. */
const MAX_ROWS = 200;

/** Recent history from the controller's event stream, then live events, newest first. */
export function EventLog() {
  const client = useFleetClient();
  const events = useEventLog();
  const ids = useDeviceIds();
  const [device, setDevice] = useState('');
  const listId = useId();
  const known = ids.includes(device);

  // A device's own history may reach further back than the fleet-wide page.
  useEffect(() => {
    if (known) void client.loadHistory(device);
  }, [client, device, known]);

  const rows = useMemo(() => {
    const filtered = device ? events.filter((e) => e.deviceId.toLowerCase().includes(device.toLowerCase())) : events;
    return filtered.slice(-MAX_ROWS).reverse();
  }, [events, device]);

  return (
    <section className="panel" aria-labelledby="events-title" data-testid="event-log">
      <h2 id="events-title">Event log</h2>
      <label className="field inline">
        <span>Device</span>
        <input
          type="search"
          list={listId}
          value={device}
          placeholder="all devices"
          onChange={(e) => setDevice(e.target.value)}
          data-testid="event-filter"
        />
        <datalist id={listId}>
          {ids.map((id) => (
            <option key={id} value={id} />
          ))}
        </datalist>
      </label>
      {rows.length === 0 ? (
        <p className="muted">No events yet.</p>
      ) : (
        <ol className="event-list">
          {rows.map((event) => (
            <li key={event.id} className={`event event-${event.type}`} data-testid="event-row" data-device={event.deviceId} data-type={event.type}>
              <time dateTime={new Date(event.ts).toISOString()}>{formatTime(event.ts)}</time>
              <span className="event-device">{event.deviceId}</span>
              <span className="event-text">{describeEvent(event)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
