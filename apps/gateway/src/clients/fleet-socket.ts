import type { AckResult, ClientToServerEvents, ServerToClientEvents, Session } from '@fleet/contracts';
import type { Server, Socket } from 'socket.io';

/** Per-connection data: the session the handshake's token belongs to (set by the auth middleware). */
export interface FleetSocketData {
  session?: Session;
}

/** No server-to-server events: replicas share nothing but the broker. */
type NoInterServerEvents = Record<string, never>;

/** A connected browser, typed with the contract's event maps. */
export type FleetSocket = Socket<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, FleetSocketData>;

/** The Socket.IO server, typed with the contract's event maps. */
export type FleetServer = Server<ClientToServerEvents, ServerToClientEvents, NoInterServerEvents, FleetSocketData>;

/** An ack callback as the contract defines it. */
export type Ack<T> = (result: AckResult<T>) => void;

/** Socket.IO hands us whatever the client sent as the last argument; only a function is an ack. */
export function isAck<T>(value: unknown): value is Ack<T> {
  return typeof value === 'function';
}

/**
 * True when the client's transport has written everything we gave it. While it has not, new
 * batches wait and keep coalescing, so a slow browser gets fewer, larger batches.
 */
export function isTransportWritable(socket: FleetSocket): boolean {
  return socket.connected && socket.conn.transport.writable;
}
