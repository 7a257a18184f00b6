import { CommonState, type AgentCounters, type DeviceState, type Link } from '@fleet/contracts';

/** Settings of slow-device detection. */
export interface SlowRule {
  /** Length of a measurement window. */
  readonly windowMs: number;
  /** Slow when the measured rate is below this share of the announced statusHz. */
  readonly ratio: number;
}

/** The figures of one closed window. */
export interface WindowResult {
  readonly rateHz: number;
  /** True when the slow verdict flipped (raised or cleared). */
  readonly slowChanged: boolean;
  readonly link: Link;
  readonly counters: AgentCounters;
}

interface RateWindow {
  count: number;
  start: number;
  /** False once the device was Offline at any sweep of this window: a partial window says nothing about the rate. */
  online: boolean;
  slow: string | undefined;
  link: Link;
  counters: AgentCounters;
}

/** Why a measured rate is slow, or `undefined` when it is not. Pure. */
export function slowVerdict(rateHz: number, statusHz: number, ratio: number): string | undefined {
  if (rateHz >= statusHz * ratio) return undefined;
  return `status at ${rateHz.toFixed(1)} Hz, under ${Math.round(ratio * 100)}% of the announced ${statusHz} Hz`;
}

/**
 * Measures each device's status rate in fixed windows. The hot path (`hit`) only bumps a counter
 * in a mutable per-device slot; the sweep closes windows and decides whether the device is slow.
 */
export class RateMeters {
  private readonly windows = new Map<string, RateWindow>();

  constructor(private readonly rule: SlowRule) {}

  /** Hot path: one status message from `deviceId`. */
  hit(deviceId: string, link: Link, counters: AgentCounters, now: number): void {
    const w = this.windows.get(deviceId);
    if (w) {
      w.count += 1;
      w.link = link;
      w.counters = counters;
      return;
    }
    // The first window starts at the first status and is not trusted: the device may just be starting.
    this.windows.set(deviceId, { count: 1, start: now, online: false, slow: undefined, link, counters });
  }

  /** The current slow verdict of a device (`undefined`: not slow, or unknown). */
  slow(deviceId: string): string | undefined {
    return this.windows.get(deviceId)?.slow;
  }

  /** Called by the sweep: closes the device's window when it is due and returns its figures. */
  tick(state: DeviceState, now: number): WindowResult | undefined {
    const w = this.windows.get(state.deviceId);
    if (!w) return undefined;
    const offline = state.state === CommonState.Offline;
    let slowChanged = false;
    if (offline) {
      w.online = false;
      slowChanged = w.slow !== undefined;
      w.slow = undefined;
    }
    const elapsed = now - w.start;
    if (elapsed < this.rule.windowMs) return slowChanged ? this.result(w, 0, true) : undefined;
    const rateHz = (w.count * 1000) / elapsed;
    const slow = w.online && !offline ? slowVerdict(rateHz, state.statusHz, this.rule.ratio) : undefined;
    slowChanged ||= (slow === undefined) !== (w.slow === undefined);
    w.slow = slow;
    w.count = 0;
    w.start = now;
    w.online = !offline;
    return this.result(w, rateHz, slowChanged);
  }

  /** Drops a device's window (its partition moved to another replica). */
  forget(deviceId: string): void {
    this.windows.delete(deviceId);
  }

  private result(w: RateWindow, rateHz: number, slowChanged: boolean): WindowResult {
    return { rateHz, slowChanged, link: w.link, counters: w.counters };
  }
}
