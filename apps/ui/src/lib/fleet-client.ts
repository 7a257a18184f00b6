import {
  DeviceBatchSchema,
  type ClientToServerEvents,
  type CommandArgs,
  type DeviceBatch,
  type ServerToClientEvents,
} from '@fleet/contracts';
import { io, type Socket } from 'socket.io-client';
import { toCommandOutcome, type CommandOutcome } from './command-outcome';
import { ConnectionStore } from './connection-store';
import { FleetStore } from './fleet-store';
import { newRequestId } from './request-id';

/** The gateway's Socket.IO connection, typed with the contract's event maps. */
export type FleetSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A command as the operator composes it; the client adds the requestId. */
export interface CommandRequest {
  readonly deviceId: string;
  readonly command: string;
  readonly args?: CommandArgs;
}

/** Everything the features need from the server side, behind one object (easy to fake in tests). */
export interface FleetClient {
  readonly store: FleetStore;
  readonly connection: ConnectionStore;
  sendCommand(request: CommandRequest): Promise<CommandOutcome>;
  close(): void;
}

/** How long to wait for a command ack; above the gateway's own controller timeout (3 s). */
const COMMAND_ACK_TIMEOUT_MS = 5000;

/** Connects to the page's origin, where the gateway serves both the UI and Socket.IO. */
export function connectToGateway(): FleetClient {
  return createFleetClient(io());
}

/** Wires a socket to the stores. Server payloads are parsed; an invalid one is dropped and counted. */
export function createFleetClient(socket: FleetSocket): FleetClient {
  const store = new FleetStore();
  const connection = new ConnectionStore();
  let invalidPayloads = 0;

  const parseBatch = (event: string, payload: unknown): DeviceBatch | undefined => {
    const parsed = DeviceBatchSchema.safeParse(payload);
    if (parsed.success) return parsed.data;
    invalidPayloads += 1;
    console.warn(`fleet: dropped invalid "${event}" payload (${invalidPayloads} so far)`, parsed.error.issues);
    return undefined;
  };

  socket.on('connect', () => connection.set('connected'));
  socket.on('disconnect', (reason) => {
    connection.set('reconnecting');
    // After a server-side disconnect Socket.IO does not retry by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.io.on('reconnect_attempt', () => connection.set('reconnecting'));
  socket.on('snapshot', (payload) => {
    const snapshot = parseBatch('snapshot', payload);
    if (snapshot) store.applySnapshot(snapshot);
  });
  socket.on('devices', (payload) => {
    const batch = parseBatch('devices', payload);
    if (batch) store.applyBatch(batch);
  });

  return {
    store,
    connection,
    async sendCommand(request) {
      try {
        const ack = await socket.timeout(COMMAND_ACK_TIMEOUT_MS).emitWithAck('command', {
          ...request,
          requestId: newRequestId(),
        });
        return toCommandOutcome(ack);
      } catch {
        return { kind: 'error', error: 'no answer from the gateway' };
      }
    },
    close() {
      socket.removeAllListeners();
      socket.io.removeAllListeners();
      socket.disconnect();
    },
  };
}
