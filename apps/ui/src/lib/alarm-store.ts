import type { Alarm, AlarmEvent } from '@fleet/contracts';
import { ValueStore } from './value-store';

const SEVERITY_RANK: Readonly<Record<Alarm['severity'], number>> = { critical: 0, warning: 1, info: 2 };

/** Listed while the condition holds or until acknowledged (as the gateway's snapshot lists them). */
function isListed(alarm: Alarm): boolean {
  return alarm.clearedAt === null || alarm.acknowledged === null;
}

/** Unacknowledged first, then by severity, then newest first. */
function compareAlarms(a: Alarm, b: Alarm): number {
  const acked = Number(a.acknowledged !== null) - Number(b.acknowledged !== null);
  if (acked !== 0) return acked;
  const severity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return severity !== 0 ? severity : b.raisedAt - a.raisedAt;
}

/** True for an alarm that must stay in the operator's face until someone acknowledges it. */
export function isUnacknowledgedCritical(alarm: Alarm): boolean {
  return alarm.severity === 'critical' && alarm.acknowledged === null;
}

/** The alarms the operator should see, sorted; replaced by each snapshot, updated by alarm events. */
export class AlarmStore extends ValueStore<readonly Alarm[]> {
  constructor() {
    super([]);
  }

  /** `snapshot`: the gateway's full list. */
  replace(alarms: readonly Alarm[]): void {
    this.set(alarms.filter(isListed).sort(compareAlarms));
  }

  /** An alarm event: raised, cleared or acknowledged. */
  apply(event: AlarmEvent): void {
    const others = this.get().filter((a) => a.id !== event.alarm.id);
    this.set((isListed(event.alarm) ? [...others, event.alarm] : others).sort(compareAlarms));
  }
}
