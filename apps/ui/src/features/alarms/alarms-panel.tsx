import { useMemo, useState } from 'react';
import { alarmSummary, visibleAlarms, type AlarmFilter, type AlarmSort } from '../../lib/alarm-view';
import { useAlarms, useCanOperate, useEventLog, useFleetClient, useNow, useOutOfService } from '../../lib/fleet-context';
import { formatTime } from '../../lib/format-time';
import { AlarmGroups } from './alarm-groups';
import { AlarmRow } from './alarm-row';

/**
 * The alarm list: filter by state and text, sort by priority, age or device; acknowledge every
 * visible alarm at once with a comment; a flood is flagged; devices out of service are listed
 * with a way back.
 */
export function AlarmsPanel() {
  const client = useFleetClient();
  const alarms = useAlarms();
  const events = useEventLog();
  const outOfService = useOutOfService();
  const canOperate = useCanOperate();
  const now = useNow(5000);
  const [filter, setFilter] = useState<AlarmFilter>('all');
  const [sort, setSort] = useState<AlarmSort>('priority');
  const [text, setText] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  // In a flood the list groups by cause and device unless the operator asks for every row.
  const [flat, setFlat] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const visible = useMemo(() => visibleAlarms(alarms, filter, text, sort), [alarms, filter, text, sort]);
  const summary = alarmSummary(alarms, events, now);
  const unacked = visible.filter((a) => a.acknowledged === null);

  const run = async (label: string, action: Parameters<typeof client.alarmAction>[0]) => {
    setBusy(true);
    setResult(null);
    const outcome = await client.alarmAction(action);
    setBusy(false);
    setResult(outcome.ok ? { ok: true, text: label } : { ok: false, text: outcome.reason });
    if (outcome.ok) setComment('');
  };
  const ackAll = () => {
    const trimmed = comment.trim();
    void run(`${unacked.length} acknowledged`, { action: 'ack', alarmIds: unacked.map((a) => a.id), ...(trimmed ? { comment: trimmed } : {}) });
  };

  return (
    <section className="panel" id="alarms" aria-labelledby="alarms-title" data-testid="alarms-panel" tabIndex={-1}>
      <h2 id="alarms-title">
        Alarms <span className="count">{alarms.length}</span>
        {summary.flood && (
          <span className="chip flood" data-testid="alarm-flood">
            flood: 10 or more alarms in 10 min
          </span>
        )}
      </h2>
      <div className="alarm-toolbar">
        <input type="search" placeholder="Device or message" value={text} onChange={(e) => setText(e.target.value)} aria-label="Filter alarms" data-testid="alarm-filter-text" />
        <select value={filter} onChange={(e) => setFilter(e.target.value === 'action' || e.target.value === 'shelved' ? e.target.value : 'all')} aria-label="Show" data-testid="alarm-filter-state">
          <option value="all">All</option>
          <option value="action">Needs action</option>
          <option value="shelved">Shelved</option>
        </select>
        <select value={sort} onChange={(e) => setSort(e.target.value === 'age' || e.target.value === 'device' ? e.target.value : 'priority')} aria-label="Sort by" data-testid="alarm-sort">
          <option value="priority">Priority</option>
          <option value="age">Age</option>
          <option value="device">Device</option>
        </select>
        {summary.flood && (
          <button type="button" className="small" aria-pressed={!flat} onClick={() => setFlat(!flat)} data-testid="alarm-group-toggle">
            {flat ? 'Group by cause' : 'Show every alarm'}
          </button>
        )}
      </div>
      {canOperate && (
        <form
          className="alarm-toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            ackAll();
          }}
        >
          <input placeholder="Comment (optional)" value={comment} onChange={(e) => setComment(e.target.value)} maxLength={500} aria-label="Acknowledgement comment" data-testid="ack-comment" />
          <button type="submit" className="small" disabled={busy || unacked.length === 0} title={unacked.length === 0 ? 'no visible alarm is unacknowledged' : undefined} data-testid="ack-all-visible">
            Acknowledge all visible ({unacked.length})
          </button>
        </form>
      )}
      {result && (
        <p className={result.ok ? 'muted' : 'alarm-error'} role={result.ok ? 'status' : 'alert'} data-testid="alarm-action-result">
          {result.text}
        </p>
      )}
      {visible.length === 0 ? (
        <p className="muted">{alarms.length === 0 ? 'No active alarms.' : 'No alarm matches the filter.'}</p>
      ) : summary.flood && !flat ? (
        <AlarmGroups alarms={visible} now={now} />
      ) : (
        <ul className="alarm-list">
          {visible.map((alarm) => (
            <AlarmRow key={alarm.id} alarm={alarm} now={now} />
          ))}
        </ul>
      )}
      {outOfService.length > 0 && (
        <>
          <h3>Out of service</h3>
          <ul className="alarm-list">
            {outOfService.map((record) => (
              <li key={record.deviceId} className="alarm" data-testid={`oos-${record.deviceId}`}>
                <span className="chip">Out of service</span>
                <span className="alarm-device">{record.deviceId}</span>
                <span className="alarm-message">
                  by {record.by} at {formatTime(record.at)}: {record.reason}
                </span>
                {canOperate && (
                  <button type="button" className="small" disabled={busy} onClick={() => void run(`${record.deviceId} back in service`, { action: 'in-service', deviceId: record.deviceId })} data-testid={`in-service-${record.deviceId}`}>
                    Back in service
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
