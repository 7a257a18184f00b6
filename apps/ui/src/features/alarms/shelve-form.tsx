import type { Alarm } from '@fleet/contracts';
import { useState, type FormEvent } from 'react';

/** Shelve durations offered; `0` is one-shot (until the alarm clears). At most 12 h (the controller's maximum). */
const DURATIONS: ReadonlyArray<readonly [number, string]> = [
  [15 * 60_000, '15 min'],
  [3600_000, '1 h'],
  [4 * 3600_000, '4 h'],
  [12 * 3600_000, '12 h'],
  [0, 'until it clears'],
];

/** Shelving asks for a reason and a duration; the submit button says why it is disabled. */
export function ShelveForm({ alarm, busy, onShelve, onCancel }: { alarm: Alarm; busy: boolean; onShelve: (reason: string, durationMs: number | undefined) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [duration, setDuration] = useState(3600_000);
  const active = alarm.clearedAt === null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim() !== '') onShelve(reason.trim(), duration === 0 ? undefined : duration);
  };
  return (
    <form className="alarm-form" onSubmit={submit} data-testid={`shelve-form-${alarm.id}`}>
      <label>
        Reason
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required data-testid="shelve-reason" />
      </label>
      <label>
        For
        <select value={duration} onChange={(e) => setDuration(Number(e.target.value))} data-testid="shelve-duration">
          {DURATIONS.filter(([ms]) => ms !== 0 || active).map(([ms, label]) => (
            <option key={ms} value={ms}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="small" disabled={busy || reason.trim() === ''} title={reason.trim() === '' ? 'a reason is required' : undefined} data-testid="shelve-submit">
        Shelve
      </button>
      <button type="button" className="small" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
