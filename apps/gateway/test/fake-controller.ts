import {
  ControlCommandSchema,
  subjects,
  type ControlCommand,
  type ControlCommandReply,
  type DeviceState,
  type DeviceStatus,
} from '@fleet/contracts';
import type { NatsConnection } from '@nats-io/transport-node';

/** Commands to this device are never answered, to exercise the gateway's timeout. */
export const SILENT_DEVICE = 'silent-1';

/** A DeviceState for tests. */
export function testState(deviceId: string, kind: 'camera' | 'stage', state: string): DeviceState {
  const now = Date.now();
  return {
    deviceId,
    kind,
    state,
    since: now,
    reason: 'test',
    hwState: null,
    link: 'up',
    statusHz: 10,
    step: null,
    lastSeen: now,
  };
}

/** A DeviceStatus for tests. */
export function testStatus(deviceId: string, kind: 'camera' | 'stage', seq: number): DeviceStatus {
  return {
    deviceId,
    kind,
    seq,
    ts: Date.now(),
    link: 'up',
    hwState: 'idle',
    readings: kind === 'camera' ? { exposingTime: null } : { position: seq / 10 },
    counters: { polls: seq, timeouts: 0, reconnects: 0, skippedPolls: 0 },
  };
}

/**
 * Plays the controller on a real broker: answers `control.snapshot` with `states` and
 * `control.command` by accepting `start` and refusing everything else.
 */
export function startFakeController(nc: NatsConnection, states: DeviceState[]): { commands: ControlCommand[] } {
  const received: ControlCommand[] = [];
  nc.subscribe(subjects.controlSnapshot, {
    callback: (err, msg) => {
      if (!err) msg.respond(JSON.stringify({ devices: states, alarms: [] }));
    },
  });
  nc.subscribe(subjects.controlCommand, {
    callback: (err, msg) => {
      if (err) return;
      const parsed = ControlCommandSchema.safeParse(msg.json());
      if (!parsed.success) {
        msg.respond(JSON.stringify({ error: 'bad request' }));
        return;
      }
      const command = parsed.data;
      received.push(command);
      if (command.deviceId === SILENT_DEVICE) return;
      const reply: ControlCommandReply =
        command.command === 'start'
          ? { requestId: command.requestId, accepted: true, state: 'Exposing' }
          : { requestId: command.requestId, accepted: false, reason: `camera is Idle; ${command.command} is allowed in Exposing`, state: 'Idle' };
      msg.respond(JSON.stringify(reply));
    },
  });
  return { commands: received };
}
