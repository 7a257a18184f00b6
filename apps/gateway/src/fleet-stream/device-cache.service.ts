import { Injectable } from '@nestjs/common';
import type { Alarm, DeviceState, DeviceStatus, FleetEvent, FleetSnapshot, OutOfService } from '@fleet/contracts';
import { Subject, type Observable } from 'rxjs';

/** Upper bound on distinct devices, so a hostile publisher cannot grow memory without limit. */
export const MAX_DEVICES = 10_000;

/** Upper bound on cached alarms, for the same reason. */
export const MAX_ALARMS = 10_000;

/** The snapshot lists an alarm while its condition holds, until someone acknowledges it, and while it is shelved. */
function isListed(alarm: Alarm): boolean {
  return alarm.clearedAt === null || alarm.acknowledged === null || alarm.shelved !== null;
}

/** One change to the cache, as relayed to clients. */
export type DeviceChange = { type: 'status'; status: DeviceStatus } | { type: 'state'; state: DeviceState };

/**
 * Latest status and controller state of every known device, plus the stream of changes.
 * The gateway is stateless beyond this cache: it is rebuilt from NATS after a restart.
 */
@Injectable()
export class DeviceCacheService {
  private readonly statuses = new Map<string, DeviceStatus>();
  private readonly states = new Map<string, DeviceState>();
  private alarms = new Map<string, Alarm>();
  private outOfService = new Map<string, OutOfService>();
  private readonly changeSubject = new Subject<DeviceChange>();
  private readonly eventSubject = new Subject<FleetEvent>();

  /** Every accepted status or state, in arrival order. */
  readonly changes$: Observable<DeviceChange> = this.changeSubject.asObservable();
  /** Fleet events, relayed as they arrive (not cached). */
  readonly events$: Observable<FleetEvent> = this.eventSubject.asObservable();

  /** Stores a status; `false` when the device would exceed {@link MAX_DEVICES}. */
  putStatus(status: DeviceStatus): boolean {
    if (!this.statuses.has(status.deviceId) && this.isFull()) return false;
    this.statuses.set(status.deviceId, status);
    this.changeSubject.next({ type: 'status', status });
    return true;
  }

  /**
   * Stores a state. A snapshot reply can be older than a live transition that overtook it, so
   * snapshot entries never replace a state that entered later (`since`).
   */
  putState(state: DeviceState, origin: 'live' | 'snapshot' = 'live'): boolean {
    const current = this.states.get(state.deviceId);
    if (current === undefined && this.isFull()) return false;
    if (origin === 'snapshot' && current !== undefined && current.since > state.since) return true;
    this.states.set(state.deviceId, state);
    this.changeSubject.next({ type: 'state', state });
    return true;
  }

  /** Relays an event to subscribers; alarm and service events also update the cached alarms and devices out of service. */
  publishEvent(event: FleetEvent): void {
    if (event.type === 'alarm') {
      if (event.action === 'removed') this.alarms.delete(event.alarm.id);
      else this.putAlarm(event.alarm);
    }
    if (event.type === 'service') {
      if (event.action === 'in-service') this.outOfService.delete(event.deviceId);
      else if (this.outOfService.has(event.deviceId) || this.outOfService.size < MAX_DEVICES) {
        this.outOfService.set(event.deviceId, { deviceId: event.deviceId, by: event.user, at: event.ts, reason: event.reason });
      }
    }
    this.eventSubject.next(event);
  }

  /** Replaces every cached alarm, and the devices out of service, with the controller's snapshot of them. */
  replaceAlarms(alarms: readonly Alarm[], outOfService: readonly OutOfService[] = []): void {
    this.alarms = new Map(alarms.filter(isListed).slice(0, MAX_ALARMS).map((a) => [a.id, a]));
    this.outOfService = new Map(outOfService.slice(0, MAX_DEVICES).map((r) => [r.deviceId, r]));
  }

  /**
   * The device of a listed alarm, so an acknowledgement can go straight to the controller replica
   * owning that device; `undefined` for an alarm the cache does not list.
   */
  alarmDeviceId(alarmId: string): string | undefined {
    return this.alarms.get(alarmId)?.deviceId;
  }

  private putAlarm(alarm: Alarm): void {
    if (!isListed(alarm)) this.alarms.delete(alarm.id);
    else if (this.alarms.has(alarm.id) || this.alarms.size < MAX_ALARMS) this.alarms.set(alarm.id, alarm);
  }

  /** Every known device. */
  snapshot(): FleetSnapshot {
    return {
      statuses: [...this.statuses.values()],
      states: [...this.states.values()],
      alarms: [...this.alarms.values()],
      outOfService: [...this.outOfService.values()],
    };
  }

  /** Number of distinct devices with a status or a state. */
  deviceCount(): number {
    let count = this.statuses.size;
    for (const id of this.states.keys()) if (!this.statuses.has(id)) count += 1;
    return count;
  }

  private isFull(): boolean {
    return this.statuses.size >= MAX_DEVICES || this.states.size >= MAX_DEVICES;
  }
}
