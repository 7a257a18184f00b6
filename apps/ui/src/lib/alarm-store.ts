import { needsAction, type Alarm, type AlarmEvent, type OutOfService, type ServiceEvent } from '@fleet/contracts';
import { ValueStore } from './value-store';

const SEVERITY_RANK: Readonly<Record<Alarm['severity'], number>> = { critical: 0, warning: 1, info: 2 };

/** Listed while the condition holds, until acknowledged, and while shelved (as the gateway's snapshot lists them). */
function isListed(alarm: Alarm): boolean {
  return alarm.clearedAt === null || alarm.acknowledged === null || alarm.shelved !== null;
}

/** Needing action first, then by severity, then newest first. */
function compareAlarms(a: Alarm, b: Alarm): number {
  const action = Number(needsAction(b)) - Number(needsAction(a));
  if (action !== 0) return action;
  const severity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return severity !== 0 ? severity : b.raisedAt - a.raisedAt;
}

/** True for an alarm that must stay in the operator's face until someone acknowledges or shelves it. */
export function isUnacknowledgedCritical(alarm: Alarm): boolean {
  return alarm.severity === 'critical' && needsAction(alarm);
}

/**
 * The alarms the operator should see, sorted; replaced by each snapshot, updated by alarm events.
 * `outOfService` holds the devices in maintenance, from the snapshot and service events.
 */
export class AlarmStore extends ValueStore<readonly Alarm[]> {
  readonly outOfService = new ValueStore<readonly OutOfService[]>([]);

  constructor() {
    super([]);
  }

  /** `snapshot`: the gateway's full lists. */
  replace(alarms: readonly Alarm[], outOfService: readonly OutOfService[] = []): void {
    this.set(alarms.filter(isListed).sort(compareAlarms));
    this.outOfService.set(outOfService);
  }

  /** An alarm event: raised, cleared, acknowledged, shelved, unshelved or removed. */
  apply(event: AlarmEvent): void {
    const others = this.get().filter((a) => a.id !== event.alarm.id);
    const keep = event.action !== 'removed' && isListed(event.alarm);
    this.set((keep ? [...others, event.alarm] : others).sort(compareAlarms));
  }

  /** A device went out of service or came back. */
  applyService(event: ServiceEvent): void {
    const others = this.outOfService.get().filter((r) => r.deviceId !== event.deviceId);
    this.outOfService.set(
      event.action === 'out-of-service' ? [...others, { deviceId: event.deviceId, by: event.user, at: event.ts, reason: event.reason }] : others,
    );
  }
}
