import type { Alarm } from '@fleet/contracts';
import { useState } from 'react';
import { useCanOperate, useFleetClient } from '../../lib/fleet-context';
import { formatTime } from '../../lib/format-time';

/** One alarm: severity, device, time, message, and an acknowledge button for operators. */
export function AlarmRow({ alarm }: { alarm: Alarm }) {
  const client = useFleetClient();
  const canOperate = useCanOperate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const acknowledge = async () => {
    setBusy(true);
    setError(null);
    const outcome = await client.ackAlarm(alarm.id);
    setBusy(false);
    if (!outcome.ok) setError(outcome.reason);
  };
  return (
    <li className={`alarm severity-${alarm.severity}${alarm.acknowledged ? ' acked' : ''}`} data-testid={`alarm-${alarm.id}`} data-device={alarm.deviceId} data-severity={alarm.severity} data-acknowledged={alarm.acknowledged !== null}>
      <span className={`severity severity-${alarm.severity}`}>{alarm.severity}</span>
      <span className="alarm-device">{alarm.deviceId}</span>
      <time className="alarm-time" dateTime={new Date(alarm.raisedAt).toISOString()}>
        {formatTime(alarm.raisedAt)}
      </time>
      <span className="alarm-message">
        {alarm.message}
        {alarm.clearedAt !== null && <span className="muted"> (cleared {formatTime(alarm.clearedAt)})</span>}
      </span>
      {alarm.acknowledged ? (
        <span className="muted alarm-ack" data-testid="alarm-acked-by">
          ack by {alarm.acknowledged.by}
        </span>
      ) : (
        canOperate && (
          <button type="button" className="small" onClick={() => void acknowledge()} disabled={busy} data-testid={`alarm-ack-${alarm.id}`}>
            Acknowledge
          </button>
        )
      )}
      {error && (
        <span className="alarm-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
