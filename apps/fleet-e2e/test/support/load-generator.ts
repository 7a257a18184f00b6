import { subjects, type DeviceState, type DeviceStatus } from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';

/** Simulated devices publishing valid statuses straight to NATS, standing in for agents. */
export interface LoadGenerator {
  readonly deviceIds: readonly string[];
  stop(): void;
}

function deviceList(count: number): Array<{ deviceId: string; kind: 'camera' | 'stage' }> {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0 ? { deviceId: `cam-${i + 1}`, kind: 'camera' as const } : { deviceId: `stage-${i + 1}`, kind: 'stage' as const },
  );
}

/**
 * Publishes a DeviceStatus per device at `hz`, spread evenly over each period (as independent
 * agents would be), plus one controller state per device so the tiles have colours.
 */
export function startLoadGenerator(nc: NatsConnection, count: number, hz = 10): LoadGenerator {
  const devices = deviceList(count);
  const now = Date.now();
  for (const [i, d] of devices.entries()) {
    const state: DeviceState = {
      deviceId: d.deviceId, kind: d.kind, state: d.kind === 'camera' ? (i % 6 === 0 ? 'Exposing' : 'Idle') : 'Ready',
      since: now, reason: 'load generator', hwState: null, link: 'up', statusHz: hz, step: null, lastSeen: now,
    };
    nc.publish(subjects.controlState(d.deviceId), JSON.stringify(state));
  }
  let seq = 0;
  const slices = 10;
  let slice = 0;
  const timer = setInterval(() => {
    const ts = Date.now();
    if (slice === 0) seq += 1;
    for (let i = slice; i < devices.length; i += slices) {
      const d = devices[i];
      if (!d) continue;
      const status: DeviceStatus = {
        deviceId: d.deviceId, kind: d.kind, seq, ts, link: 'up',
        hwState: d.kind === 'camera' ? 'exposing' : 'idle',
        readings: d.kind === 'camera' ? { exposingTime: seq / hz } : { position: (seq % 3000) / 10 },
        counters: { polls: seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
      };
      nc.publish(subjects.deviceStatus(d.deviceId), JSON.stringify(status));
    }
    slice = (slice + 1) % slices;
  }, 1000 / hz / slices);
  return { deviceIds: devices.map((d) => d.deviceId), stop: () => clearInterval(timer) };
}
