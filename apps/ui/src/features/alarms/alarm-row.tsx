import type { Alarm, SocketAlarmAction } from '@fleet/contracts';
import { useState } from 'react';
import { formatAge, stateLabel } from '../../lib/alarm-view';
import { useCanOperate, useFleetClient } from '../../lib/fleet-context';
import { formatTime } from '../../lib/format-time';
import { ShelveForm } from './shelve-form';

/** What the shelve column says. */
function shelveText(alarm: Alarm): string {
  const shelved = alarm.shelved;
  if (!shelved) return '';
  const until = shelved.until === null ? 'until it clears' : `until ${formatTime(shelved.until)}`;
  return `Shelved by ${shelved.by} ${until}: ${shelved.reason}`;
}

/**
 * One alarm: priority badge (and a left border of the same colour; the row itself stays neutral),
 * state, age, device, message, shelve state, and the operator's actions.
 */
export function AlarmRow({ alarm, now }: { alarm: Alarm; now: number }) {
  const client = useFleetClient();
  const canOperate = useCanOperate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<'shelve' | 'oos' | null>(null);
  const [reason, setReason] = useState('');
  const run = async (action: SocketAlarmAction) => {
    setBusy(true);
    setError(null);
    const outcome = await client.alarmAction(action);
    setBusy(false);
    if (outcome.ok) setForm(null);
    else setError(outcome.reason);
  };
  return (
    <li
      className={`alarm alarm-${alarm.severity}${alarm.acknowledged ? ' acked' : ''}`}
      data-testid={`alarm-${alarm.id}`}
      data-device={alarm.deviceId}
      data-severity={alarm.severity}
      data-acknowledged={alarm.acknowledged !== null}
      data-shelved={alarm.shelved !== null}
    >
      <span className={`severity severity-${alarm.severity}`}>{alarm.severity}</span>
      <span className="alarm-device">{alarm.deviceId}</span>
      <span className="alarm-state" data-testid="alarm-state">
        {stateLabel(alarm)}
        {alarm.chattering && <span className="chip">chattering</span>}
      </span>
      <time className="alarm-time" dateTime={new Date(alarm.raisedAt).toISOString()} title={formatTime(alarm.raisedAt)}>
        {formatAge(now - alarm.raisedAt)}
      </time>
      <span className="alarm-message">
        {alarm.message}
        {alarm.clearedAt !== null && <span className="muted"> (cleared {formatTime(alarm.clearedAt)})</span>}
      </span>
      {alarm.shelved && (
        <span className="alarm-shelved" data-testid="alarm-shelved">
          {shelveText(alarm)}
        </span>
      )}
      {alarm.acknowledged && (
        <span className="muted alarm-ack" data-testid="alarm-acked-by">
          ack by {alarm.acknowledged.by}
          {alarm.acknowledged.comment ? `: ${alarm.acknowledged.comment}` : ''}
        </span>
      )}
      {canOperate && (
        <span className="alarm-actions">
          {!alarm.acknowledged && (
            <button type="button" className="small" onClick={() => void run({ action: 'ack', alarmIds: [alarm.id] })} disabled={busy} data-testid={`alarm-ack-${alarm.id}`}>
              Acknowledge
            </button>
          )}
          {alarm.shelved ? (
            <button type="button" className="small" onClick={() => void run({ action: 'unshelve', alarmId: alarm.id })} disabled={busy} data-testid={`alarm-unshelve-${alarm.id}`}>
              Unshelve
            </button>
          ) : (
            <button type="button" className="small" onClick={() => setForm(form === 'shelve' ? null : 'shelve')} disabled={busy} data-testid={`alarm-shelve-${alarm.id}`}>
              Shelve…
            </button>
          )}
          <button type="button" className="small" onClick={() => setForm(form === 'oos' ? null : 'oos')} disabled={busy} data-testid={`alarm-oos-${alarm.id}`}>
            Out of service…
          </button>
        </span>
      )}
      {form === 'shelve' && (
        <ShelveForm
          alarm={alarm}
          busy={busy}
          onCancel={() => setForm(null)}
          onShelve={(shelveReason, durationMs) => void run({ action: 'shelve', alarmId: alarm.id, reason: shelveReason, ...(durationMs === undefined ? {} : { durationMs }) })}
        />
      )}
      {form === 'oos' && (
        <form
          className="alarm-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim() !== '') void run({ action: 'out-of-service', deviceId: alarm.deviceId, reason: reason.trim() });
          }}
        >
          <label>
            Why is {alarm.deviceId} out of service?
            <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required data-testid="oos-reason" />
          </label>
          <button type="submit" className="small" disabled={busy || reason.trim() === ''} title={reason.trim() === '' ? 'a reason is required' : undefined} data-testid="oos-submit">
            Take out of service
          </button>
        </form>
      )}
      {error && (
        <span className="alarm-error" role="alert">
          {error}
        </span>
      )}
    </li>
  );
}
