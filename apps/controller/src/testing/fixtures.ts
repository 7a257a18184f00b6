import { cameraKind, type Alarm, type DeviceStatus } from '@fleet/contracts';
import type { DecisionContext, DeviceRecord } from '../devices/device-record';
import { newRecord } from '../devices/status-logic';

/** Deterministic decision context for specs. */
export function fixedContext(now: number, stepMs?: number): DecisionContext {
  let n = 0;
  return { now, newId: () => `id-${++n}`, stepMs };
}

/** A camera record in `state`, seen at `lastSeen`. */
export function cameraRecord(state: string, overrides: Partial<DeviceRecord> = {}, lastSeen: number | null = 1000): DeviceRecord {
  const base = newRecord('camera-1', 'camera', 10, 0);
  return { ...base, state: { ...base.state, state, lastSeen }, ...overrides };
}

/** A camera status sample. */
export function cameraStatus(seq: number, hwState: string | null, link: 'up' | 'down' = 'up', linkReason?: string): DeviceStatus {
  return {
    deviceId: 'camera-1',
    kind: 'camera',
    seq,
    ts: 1,
    link,
    ...(linkReason ? { linkReason } : {}),
    hwState,
    readings: { exposingTime: null },
    counters: { polls: seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
  };
}

export const camera = cameraKind;

/** An active, unacknowledged, unshelved alarm of camera-1 (Offline unless `patch` says otherwise). */
export function testAlarm(id: string, patch: Partial<Alarm> = {}): Alarm {
  const base: Alarm = {
    id,
    deviceId: 'camera-1',
    code: 'offline',
    severity: 'critical',
    message: 'm',
    raisedAt: 1,
    clearedAt: null,
    acknowledged: null,
    shelved: null,
    recentRaises: [1],
    chattering: false,
  };
  return Object.assign(base, patch);
}
