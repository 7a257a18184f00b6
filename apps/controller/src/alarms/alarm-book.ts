import { alarmKey, type Alarm, type AlarmSeverity } from '@fleet/contracts';
import { isDone } from './alarm-state';

/** Most returned-to-normal alarms kept awaiting acknowledgement; beyond it the oldest are forgotten (history stays in events). */
export const MAX_INACTIVE_ALARMS = 1000;

const NONE: ReadonlyMap<string, Alarm> = new Map();

/**
 * The alarms the controller still cares about: active ones, returned-to-normal ones nobody has
 * acknowledged yet, and shelved ones. A device has at most one per alarm key; an alarm that is
 * done (see `isDone`) leaves the book.
 */
export class AlarmBook {
  private readonly byId = new Map<string, Alarm>();
  private readonly byDevice = new Map<string, Map<string, Alarm>>();

  get(id: string): Alarm | undefined {
    return this.byId.get(id);
  }

  /** The device's alarms in the book, by alarm key. */
  of(deviceId: string): ReadonlyMap<string, Alarm> {
    return this.byDevice.get(deviceId) ?? NONE;
  }

  /**
   * Records an alarm's new state. Returns the ids that left the book (done, or evicted over the
   * bound) so the caller can delete them from KV.
   */
  put(alarm: Alarm): string[] {
    const key = alarmKey(alarm);
    const previous = this.byDevice.get(alarm.deviceId)?.get(key);
    if (previous && previous.id !== alarm.id) this.byId.delete(previous.id);
    if (isDone(alarm)) {
      this.byId.delete(alarm.id);
      const mine = this.byDevice.get(alarm.deviceId);
      if (mine?.get(key)?.id === alarm.id) mine.delete(key);
      if (mine?.size === 0) this.byDevice.delete(alarm.deviceId);
      return [alarm.id, ...(previous && previous.id !== alarm.id ? [previous.id] : [])];
    }
    this.byId.set(alarm.id, alarm);
    let mine = this.byDevice.get(alarm.deviceId);
    if (!mine) this.byDevice.set(alarm.deviceId, (mine = new Map()));
    mine.set(key, alarm);
    return [...(previous && previous.id !== alarm.id ? [previous.id] : []), ...this.evictInactive()];
  }

  /** Takes an alarm out of the book whatever its state (its device went out of service). */
  remove(alarm: Alarm): void {
    this.byId.delete(alarm.id);
    const mine = this.byDevice.get(alarm.deviceId);
    if (mine?.get(alarmKey(alarm))?.id === alarm.id) mine.delete(alarmKey(alarm));
    if (mine?.size === 0) this.byDevice.delete(alarm.deviceId);
  }

  /** Removes every alarm of the devices `owned` selects (their partition moved to another replica); KV keeps them. */
  release(owned: (deviceId: string) => boolean): void {
    for (const [id, alarm] of this.byId) if (owned(alarm.deviceId)) this.byId.delete(id);
    for (const deviceId of this.byDevice.keys()) if (owned(deviceId)) this.byDevice.delete(deviceId);
  }

  /** Every alarm in the book, oldest first (the snapshot's `alarms`). */
  list(): Alarm[] {
    return [...this.byId.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  /** Every alarm in the book, unordered. */
  values(): IterableIterator<Alarm> {
    return this.byId.values();
  }

  /** Active alarms per severity, for the gauge. */
  activeCounts(): Record<AlarmSeverity, number> {
    const counts: Record<AlarmSeverity, number> = { info: 0, warning: 0, critical: 0 };
    for (const alarm of this.byId.values()) if (alarm.clearedAt === null) counts[alarm.severity] += 1;
    return counts;
  }

  private evictInactive(): string[] {
    const inactive = [...this.byId.values()].filter((a) => a.clearedAt !== null && a.shelved === null);
    if (inactive.length <= MAX_INACTIVE_ALARMS) return [];
    const evicted = inactive.sort((a, b) => a.raisedAt - b.raisedAt).slice(0, inactive.length - MAX_INACTIVE_ALARMS);
    for (const alarm of evicted) this.remove(alarm);
    return evicted.map((a) => a.id);
  }
}
