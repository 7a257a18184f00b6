import {
  DeviceBatchSchema,
  type AckResult,
  type ClientToServerEvents,
  type ControlCommandReply,
  type DeviceState,
  type DeviceStatus,
  type ServerToClientEvents,
  type SocketCommand,
} from '@fleet/contracts';
import { DEV_OPERATOR_TOKEN } from '@fleet/fleet-runner';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

/** A Socket.IO client that records what an operator's screen would show. */
export class FleetClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly states = new Map<string, DeviceState>();
  readonly statuses = new Map<string, DeviceStatus>();
  /** Every status received, per device, with its arrival time. */
  readonly received = new Map<string, Array<{ at: number; status: DeviceStatus }>>();
  snapshots = 0;
  batches = 0;
  invalid = 0;

  /** Connects as the dev operator of `startFleet` unless given another token. */
  constructor(url: string, token: string = DEV_OPERATOR_TOKEN) {
    this.socket = io(url, { transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 500, auth: { token } });
    this.socket.on('snapshot', (payload) => {
      this.snapshots++;
      this.apply(payload);
    });
    this.socket.on('devices', (payload) => {
      this.batches++;
      this.apply(payload);
    });
  }

  private apply(payload: unknown): void {
    const parsed = DeviceBatchSchema.safeParse(payload);
    if (!parsed.success) {
      this.invalid++;
      return;
    }
    const at = Date.now();
    for (const state of parsed.data.states) this.states.set(state.deviceId, state);
    for (const status of parsed.data.statuses) {
      this.statuses.set(status.deviceId, status);
      const list = this.received.get(status.deviceId) ?? [];
      list.push({ at, status });
      this.received.set(status.deviceId, list);
    }
  }

  /** The state machine state the client currently shows for a device. */
  stateOf(deviceId: string): string | undefined {
    return this.states.get(deviceId)?.state;
  }

  /** Statuses received for a device since `since` (ms epoch). */
  statusesSince(deviceId: string, since: number): DeviceStatus[] {
    return (this.received.get(deviceId) ?? []).filter((r) => r.at >= since).map((r) => r.status);
  }

  /** Sends a command and resolves with the ack. */
  command(command: Omit<SocketCommand, 'requestId'>, timeoutMs = 5000): Promise<AckResult<ControlCommandReply>> {
    return this.socket
      .timeout(timeoutMs)
      .emitWithAck('command', { ...command, requestId: randomUUID() });
  }

  close(): void {
    this.socket.close();
  }
}
