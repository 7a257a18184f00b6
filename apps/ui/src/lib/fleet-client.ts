import {
  AlarmAckReplySchema,
  AlarmActionReplySchema,
  DeviceBatchSchema,
  FleetEventSchema,
  FleetSnapshotSchema,
  SessionSchema,
  SocketError,
  type ClientToServerEvents,
  type CommandArgs,
  type ServerToClientEvents,
  type Session,
  type SocketAlarmAction,
} from '@fleet/contracts';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { AlarmStore } from './alarm-store';
import { toCommandOutcome, type CommandOutcome } from './command-outcome';
import { ConnectionStore } from './connection-store';
import { EventLogStore } from './event-log-store';
import { FleetStore } from './fleet-store';
import { newRequestId } from './request-id';
import { ValueStore } from './value-store';

/** The gateway's Socket.IO connection, typed with the contract's event maps. */
export type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A command as the operator composes it; the client adds the requestId. */
export interface CommandRequest {
  readonly deviceId: string;
  readonly command: string;
  readonly args?: CommandArgs;
}

/** The outcome of an alarm acknowledgement, in words for the operator. */
export type AlarmAckOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The outcome of an alarm action: what was refused and why, in words for the operator. */
export type AlarmActionOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Everything the features need from the server side, behind one object (easy to fake in tests). */
export interface FleetClient {
  readonly store: FleetStore;
  readonly connection: ConnectionStore;
  readonly session: ValueStore<Session | null>;
  readonly alarms: AlarmStore;
  readonly events: EventLogStore;
  sendCommand(request: CommandRequest): Promise<CommandOutcome>;
  ackAlarm(alarmId: string): Promise<AlarmAckOutcome>;
  /** Acknowledge several with a comment, shelve, unshelve, out of service, in service. */
  alarmAction(action: SocketAlarmAction): Promise<AlarmActionOutcome>;
  /** Loads recent history (of one device, or of all) into {@link events}. */
  loadHistory(deviceId?: string): Promise<void>;
  close(): void;
}

/** How long to wait for an ack; above the gateway's own controller timeout (3 s). */
const ACK_TIMEOUT_MS = 5000;

/** History loaded on connect and per device. */
const HISTORY_LIMIT = 200;

/** Connects to the page's origin, where the gateway serves both the UI and Socket.IO. */
export function connectToGateway(token: string): FleetClient {
  return createFleetClient(io({ auth: { token }, reconnectionDelay: 250, reconnectionDelayMax: 2000 }));
}

const AckErrorSchema = z.object({ error: z.string() });
const EventsAckSchema = z.object({ data: z.array(FleetEventSchema) });
const AlarmAckAckSchema = z.object({ data: AlarmAckReplySchema });
const AlarmActionAckSchema = z.object({ data: AlarmActionReplySchema });

/** Wires a socket to the stores. Server payloads are parsed; an invalid one is dropped and counted. */
export function createFleetClient(socket: FleetSocket): FleetClient {
  const store = new FleetStore();
  const connection = new ConnectionStore();
  const session = new ValueStore<Session | null>(null);
  const alarms = new AlarmStore();
  const events = new EventLogStore();
  const stopStaleCheck = store.startStaleCheck();
  let invalidPayloads = 0;

  const parse = <S extends z.ZodType>(schema: S, event: string, payload: unknown): z.infer<S> | undefined => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    invalidPayloads += 1;
    console.warn(`fleet: dropped invalid "${event}" payload (${invalidPayloads} so far)`, parsed.error.issues);
    return undefined;
  };

  const loadHistory = async (deviceId?: string): Promise<void> => {
    try {
      const ack: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('events', { limit: HISTORY_LIMIT, ...(deviceId ? { deviceId } : {}) });
      const parsed = EventsAckSchema.safeParse(ack);
      if (parsed.success) events.add(parsed.data.data);
    } catch {
      // No history is not fatal: live events still arrive, and the next reconnect retries.
    }
  };

  socket.on('connect', () => {
    connection.set('connected');
    void loadHistory();
  });
  socket.on('connect_error', (err) => {
    // A refused token is final; anything else is retried by Socket.IO with backoff.
    if (err.message === SocketError.unauthorized) connection.set('unauthorized');
    else connection.set('reconnecting');
  });
  socket.on('disconnect', (reason) => {
    connection.set('reconnecting');
    // After a server-side disconnect Socket.IO does not retry by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.io.on('reconnect_attempt', () => connection.set('reconnecting'));
  socket.on('session', (payload) => {
    const parsed = parse(SessionSchema, 'session', payload);
    if (parsed) session.set(parsed);
  });
  socket.on('snapshot', (payload) => {
    const snapshot = parse(FleetSnapshotSchema, 'snapshot', payload);
    if (!snapshot) return;
    store.applySnapshot(snapshot);
    alarms.replace(snapshot.alarms, snapshot.outOfService);
  });
  socket.on('devices', (payload) => {
    const batch = parse(DeviceBatchSchema, 'devices', payload);
    if (batch) store.applyBatch(batch);
  });
  socket.on('event', (payload) => {
    const event = parse(FleetEventSchema, 'event', payload);
    if (!event) return;
    events.add([event]);
    if (event.type === 'alarm') alarms.apply(event);
    if (event.type === 'service') alarms.applyService(event);
  });

  return {
    store,
    connection,
    session,
    alarms,
    events,
    loadHistory,
    async sendCommand(request) {
      try {
        const ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('command', { ...request, requestId: newRequestId() });
        return toCommandOutcome(ack);
      } catch {
        return { kind: 'error', error: 'no answer from the gateway' };
      }
    },
    async ackAlarm(alarmId) {
      let ack: unknown;
      try {
        ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('alarm:ack', { alarmId, requestId: newRequestId() });
      } catch {
        return { ok: false, reason: 'no answer from the gateway' };
      }
      const error = AckErrorSchema.safeParse(ack);
      if (error.success) return { ok: false, reason: error.data.error };
      const reply = AlarmAckAckSchema.safeParse(ack);
      if (!reply.success) return { ok: false, reason: 'the gateway sent an unreadable answer' };
      if (reply.data.data.alarm) alarms.apply({ id: `ack-${alarmId}`, ts: Date.now(), deviceId: reply.data.data.alarm.deviceId, type: 'alarm', action: 'acknowledged', alarm: reply.data.data.alarm });
      return reply.data.data.accepted ? { ok: true } : { ok: false, reason: reply.data.data.reason ?? 'refused' };
    },
    async alarmAction(action) {
      let ack: unknown;
      try {
        ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('alarm:action', { ...action, requestId: newRequestId() });
      } catch {
        return { ok: false, reason: 'no answer from the gateway' };
      }
      const error = AckErrorSchema.safeParse(ack);
      if (error.success) return { ok: false, reason: error.data.error };
      const reply = AlarmActionAckSchema.safeParse(ack);
      if (!reply.success) return { ok: false, reason: 'the gateway sent an unreadable answer' };
      const { accepted, reason, refused } = reply.data.data;
      if (accepted) return { ok: true };
      return { ok: false, reason: refused.length > 1 ? refused.map((r) => r.reason).join('; ') : (reason ?? 'refused') };
    },
    close() {
      stopStaleCheck();
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    },
  };
}
