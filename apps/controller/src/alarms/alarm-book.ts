import type { Alarm, AlarmCode, AlarmSeverity } from '@fleet/contracts';

/** Most cleared-but-unacknowledged alarms kept; beyond it the oldest are forgotten (history stays in events). */
export const MAX_INACTIVE_ALARMS = 1000;

const NONE: ReadonlyMap<AlarmCode, Alarm> = new Map();

/**
 * The alarms the controller still cares about: active ones, and cleared ones nobody has
 * acknowledged yet. An alarm both cleared and acknowledged is done and leaves the book.
 */
export class AlarmBook {
  private readonly byId = new Map<string, Alarm>();
  private readonly activeByDevice = new Map<string, Map<AlarmCode, Alarm>>();

  get(id: string): Alarm | undefined {
    return this.byId.get(id);
  }

  /** The device's active alarms by code. */
  activeFor(deviceId: string): ReadonlyMap<AlarmCode, Alarm> {
    return this.activeByDevice.get(deviceId) ?? NONE;
  }

  /**
   * Records an alarm's new state. Returns the ids that left the book (done, or evicted over the
   * bound) so the caller can delete them from KV.
   */
  put(alarm: Alarm): string[] {
    const forgotten: string[] = [];
    let active = this.activeByDevice.get(alarm.deviceId);
    if (alarm.clearedAt === null) {
      if (!active) this.activeByDevice.set(alarm.deviceId, (active = new Map()));
      active.set(alarm.code, alarm);
    } else if (active?.get(alarm.code)?.id === alarm.id) {
      active.delete(alarm.code);
      if (active.size === 0) this.activeByDevice.delete(alarm.deviceId);
    }
    this.byId.delete(alarm.id);
    if (alarm.clearedAt !== null && alarm.acknowledged !== null) forgotten.push(alarm.id);
    else this.byId.set(alarm.id, alarm);
    forgotten.push(...this.evictInactive());
    return forgotten;
  }

  /** Removes every alarm of the devices `owned` selects (their partition moved to another replica); KV keeps them. */
  release(owned: (deviceId: string) => boolean): void {
    for (const [id, alarm] of this.byId) if (owned(alarm.deviceId)) this.byId.delete(id);
    for (const deviceId of this.activeByDevice.keys()) if (owned(deviceId)) this.activeByDevice.delete(deviceId);
  }

  /** Active and unacknowledged alarms, oldest first (the snapshot's `alarms`). */
  list(): Alarm[] {
    return [...this.byId.values()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  /** Active alarms per severity, for the gauge. */
  activeCounts(): Record<AlarmSeverity, number> {
    const counts: Record<AlarmSeverity, number> = { info: 0, warning: 0, critical: 0 };
    for (const byCode of this.activeByDevice.values()) for (const alarm of byCode.values()) counts[alarm.severity] += 1;
    return counts;
  }

  private evictInactive(): string[] {
    const inactive = [...this.byId.values()].filter((a) => a.clearedAt !== null);
    if (inactive.length <= MAX_INACTIVE_ALARMS) return [];
    const evicted = inactive.sort((a, b) => a.raisedAt - b.raisedAt).slice(0, inactive.length - MAX_INACTIVE_ALARMS);
    for (const alarm of evicted) this.byId.delete(alarm.id);
    return evicted.map((a) => a.id);
  }
}
