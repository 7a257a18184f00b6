import {
  AlarmAckSchema,
  ControlCommandSchema,
  EventsQuerySchema,
  UNMAPPED_LAYOUT,
  partitionInbox,
  subjects,
  type Alarm,
  type AlarmAck,
  type AlarmAckReply,
  type ControlCommand,
  type ControlCommandReply,
  type DeviceState,
  type DeviceStatus,
  type FleetEvent,
} from '@fleet/contracts';
import type { Msg, NatsConnection } from '@nats-io/transport-node';

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

/** An unacknowledged critical alarm for tests. */
export function testAlarm(id: string, deviceId: string): Alarm {
  return {
    id,
    deviceId,
    code: 'offline',
    severity: 'critical',
    message: `${deviceId} is offline`,
    raisedAt: Date.now(),
    clearedAt: null,
    acknowledged: null,
    shelved: null,
    recentRaises: [],
    chattering: false,
  };
}

/** A transition event for tests. */
export function testEvent(id: string, deviceId: string, ts: number): FleetEvent {
  return { id, ts, deviceId, type: 'transition', from: 'Offline', to: 'Idle', reason: 'status resumed' };
}

/** What the fake controller was asked, and on which subjects, for assertions. */
export interface FakeController {
  commands: ControlCommand[];
  commandSubjects: string[];
  alarmAcks: AlarmAck[];
  alarmAckSubjects: string[];
}

/** The controller's subjects on an unmapped broker: a single replica owning every device. */
const INBOX = partitionInbox(UNMAPPED_LAYOUT, 0);

/** Subscribes `callback` to each of `names`. */
function serve(nc: NatsConnection, names: readonly string[], callback: (msg: Msg) => void): void {
  for (const name of names) {
    nc.subscribe(name, {
      callback: (err, msg) => {
        if (!err) callback(msg);
      },
    });
  }
}

/**
 * Plays the controller on a real broker: answers `control.snapshot` with `states` and `alarms`,
 * commands (plain and per-device subject) by accepting `start` and refusing everything else,
 * alarm acks (plain and per-device) by acknowledging a known alarm, and `control.events` from
 * `history`.
 */
export function startFakeController(
  nc: NatsConnection,
  states: DeviceState[],
  alarms: Alarm[] = [],
  history: FleetEvent[] = [],
): FakeController {
  const received: ControlCommand[] = [];
  const commandSubjects: string[] = [];
  const alarmAcks: AlarmAck[] = [];
  const alarmAckSubjects: string[] = [];
  nc.subscribe(subjects.controlSnapshot, {
    callback: (err, msg) => {
      if (!err) msg.respond(JSON.stringify({ devices: states, alarms }));
    },
  });
  serve(nc, [subjects.alarmAck, INBOX.alarmAck], (msg) => {
    const parsed = AlarmAckSchema.safeParse(msg.json());
    if (!parsed.success) {
      msg.respond(JSON.stringify({ error: 'bad request' }));
      return;
    }
    alarmAcks.push(parsed.data);
    alarmAckSubjects.push(msg.subject);
    const alarm = alarms.find((a) => a.id === parsed.data.alarmId);
    const reply: AlarmAckReply = alarm
      ? { accepted: true, alarm: { ...alarm, acknowledged: { by: parsed.data.user ?? 'unknown', at: Date.now() } } }
      : { accepted: false, reason: `no alarm ${parsed.data.alarmId}` };
    msg.respond(JSON.stringify(reply));
  });
  nc.subscribe(subjects.controlEvents, {
    callback: (err, msg) => {
      if (err) return;
      const parsed = EventsQuerySchema.safeParse(msg.json());
      if (!parsed.success) {
        msg.respond(JSON.stringify({ error: 'bad request' }));
        return;
      }
      const { deviceId, limit } = parsed.data;
      const events = history.filter((e) => deviceId === undefined || e.deviceId === deviceId).slice(-limit);
      msg.respond(JSON.stringify({ events }));
    },
  });
  serve(nc, [subjects.controlCommand, INBOX.command], (msg) => {
    const parsed = ControlCommandSchema.safeParse(msg.json());
    if (!parsed.success) {
      msg.respond(JSON.stringify({ error: 'bad request' }));
      return;
    }
    const command = parsed.data;
    received.push(command);
    commandSubjects.push(msg.subject);
    if (command.deviceId === SILENT_DEVICE) return;
    const reply: ControlCommandReply =
      command.command === 'start'
        ? { requestId: command.requestId, accepted: true, state: 'Exposing' }
        : { requestId: command.requestId, accepted: false, reason: `camera is Idle; ${command.command} is allowed in Exposing`, state: 'Idle' };
    msg.respond(JSON.stringify(reply));
  });
  return { commands: received, commandSubjects, alarmAcks, alarmAckSubjects };
}
