import type { AlarmSeverity, FleetEvent } from '@fleet/contracts';

/** Entries the device detail shows at most, newest first. */
export const MAX_ALARM_HISTORY = 50;

/** One line of a device's alarm history, as the device detail shows it. */
export interface AlarmHistoryEntry {
  readonly id: string;
  readonly ts: number;
  /** What happened, in words: "Raised", "Acknowledged", "Out of service", ... */
  readonly what: string;
  /** Machine-readable action, for styling and tests. */
  readonly action: string;
  /** The alarm's priority; absent for service events, which are about the device. */
  readonly severity: AlarmSeverity | undefined;
  /** The alarm's message, or empty for service events. */
  readonly message: string;
  /** Who did it; absent when the controller did (raise, clear). */
  readonly user: string | undefined;
  /** The acknowledgement comment, the shelve or service reason. */
  readonly note: string | undefined;
  /** End of a timed shelve. */
  readonly until: number | undefined;
}

const ALARM_WORDS = {
  raised: 'Raised',
  cleared: 'Cleared',
  acknowledged: 'Acknowledged',
  shelved: 'Shelved',
  unshelved: 'Unshelved',
  removed: 'Removed (out of service)',
} as const;

function toEntry(event: FleetEvent): AlarmHistoryEntry | null {
  if (event.type === 'service') {
    return {
      id: event.id,
      ts: event.ts,
      what: event.action === 'out-of-service' ? 'Out of service' : 'Back in service',
      action: event.action,
      severity: undefined,
      message: '',
      user: event.user,
      note: event.reason || undefined,
      until: undefined,
    };
  }
  if (event.type !== 'alarm') return null;
  const until = event.action === 'shelved' ? (event.alarm.shelved?.until ?? undefined) : undefined;
  return {
    id: event.id,
    ts: event.ts,
    what: ALARM_WORDS[event.action],
    action: event.action,
    severity: event.alarm.severity,
    message: event.alarm.message,
    user: event.user,
    note: event.comment || undefined,
    until,
  };
}

/**
 * A device's alarm history from the event log: raises, clears, acknowledgements (with user and
 * comment), shelving and service changes; newest first, at most `MAX_ALARM_HISTORY`.
 */
export function alarmHistory(events: readonly FleetEvent[], deviceId: string): AlarmHistoryEntry[] {
  const entries: AlarmHistoryEntry[] = [];
  // The log is oldest first; walk back so the newest are kept when it is long.
  for (let i = events.length - 1; i >= 0 && entries.length < MAX_ALARM_HISTORY; i -= 1) {
    const event = events[i];
    if (event === undefined || event.deviceId !== deviceId) continue;
    const entry = toEntry(event);
    if (entry) entries.push(entry);
  }
  return entries;
}

/** The entry's detail in one line: "by alice: night shift checked", "by system", "". */
export function describeHistoryEntry(entry: Pick<AlarmHistoryEntry, 'user' | 'note'>): string {
  const who = entry.user ? `by ${entry.user}` : '';
  if (!entry.note) return who;
  return who ? `${who}: ${entry.note}` : entry.note;
}
