import {
  DeviceBatchSchema,
  FleetSnapshotSchema,
  type AckResult,
  type ClientToServerEvents,
  type ControlCommandReply,
  type ServerToClientEvents,
  type SocketCommand,
} from '@fleet/contracts';
import * as hdr from 'hdr-histogram-js';
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { DeliveryTracker } from './delivery-tracker';

/** Latency percentiles in ms. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Summarises an HDR histogram recorded in microseconds. */
export function summarise(histogram: hdr.Histogram): LatencySummary {
  const ms = (us: number): number => Math.round(us / 10) / 100;
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    max: ms(histogram.maxValue),
  };
}

/** A new histogram for latencies from 1 µs to 60 s. */
export function latencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
}

/**
 * A Socket.IO client that measures what an operator's screen gets: per-status latency from
 * the agent's publish timestamp, delivery by seq, and the time each device is first shown in
 * a given state.
 */
export class MeasuringClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly delivery = new DeliveryTracker();
  latency = latencyHistogram();
  batches = 0;
  invalid = 0;
  private readonly states = new Map<string, string>();
  private readonly stateWatchers: Array<{ deviceId: string; state: string; resolve: (at: number) => void }> = [];

  constructor(url: string, token: string | undefined) {
    this.socket = io(url, { transports: ['websocket'], auth: token ? { token } : {}, reconnectionDelay: 200 });
    this.socket.on('snapshot', (payload) => {
      const parsed = FleetSnapshotSchema.safeParse(payload);
      if (!parsed.success) return void this.invalid++;
      for (const s of parsed.data.states) this.setState(s.deviceId, s.state);
    });
    this.socket.on('devices', (payload) => {
      const now = Date.now();
      const parsed = DeviceBatchSchema.safeParse(payload);
      if (!parsed.success) return void this.invalid++;
      this.batches++;
      for (const status of parsed.data.statuses) {
        this.delivery.record(status.deviceId, status.seq);
        this.latency.recordValue(Math.max(1, (now - status.ts) * 1000));
      }
      for (const s of parsed.data.states) this.setState(s.deviceId, s.state);
    });
  }

  private setState(deviceId: string, state: string): void {
    this.states.set(deviceId, state);
    const at = Date.now();
    for (let i = this.stateWatchers.length - 1; i >= 0; i--) {
      const w = this.stateWatchers[i];
      if (w && w.deviceId === deviceId && w.state === state) {
        this.stateWatchers.splice(i, 1);
        w.resolve(at);
      }
    }
  }

  /** Resolves with the time the client first shows `deviceId` in `state` (now if it already does). */
  whenState(deviceId: string, state: string): Promise<number> {
    if (this.states.get(deviceId) === state) return Promise.resolve(Date.now());
    return new Promise((resolve) => this.stateWatchers.push({ deviceId, state, resolve }));
  }

  stateOf(deviceId: string): string | undefined {
    return this.states.get(deviceId);
  }

  /** Starts a new measurement window. */
  resetWindow(): void {
    this.delivery.reset();
    this.latency = latencyHistogram();
    this.batches = 0;
  }

  command(command: Omit<SocketCommand, 'requestId'>, timeoutMs = 5000): Promise<AckResult<ControlCommandReply>> {
    return this.socket.timeout(timeoutMs).emitWithAck('command', { ...command, requestId: randomUUID() });
  }

  close(): void {
    this.socket.close();
  }
}
