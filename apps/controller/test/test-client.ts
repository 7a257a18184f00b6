import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { BrokerAccess } from '@fleet/test-support';
import {
  ControlSnapshotSchema,
  DeviceStateSchema,
  EventsReplySchema,
  subjects,
  type ControlSnapshot,
  type DeviceState,
  type EventsQueryInput,
  type FleetEvent,
} from '@fleet/contracts';

/** A NATS client as an operator tool would be: commands, snapshot, history, and every state seen. */
export class TestClient {
  /** Every state published by the controller, with when it arrived. */
  readonly states: Array<{ at: number; state: DeviceState }> = [];

  private constructor(readonly nc: NatsConnection) {}

  /** Connects as the `harness` identity: it also queries the simulator, which no operator identity may. */
  static async connect(broker: BrokerAccess): Promise<TestClient> {
    // Back within a few ms of a restarted broker, ahead of the controller (250 ms between attempts):
    // what the controller publishes once it has reconnected is then heard, as a watcher that was
    // connected would hear it.
    const client = new TestClient(await connect({ ...broker.connectionOptions('harness'), maxReconnectAttempts: -1, reconnectTimeWait: 10, reconnectJitter: 0 }));
    client.nc.subscribe(subjects.allControlState, {
      callback: (err, msg) => {
        const parsed = err ? undefined : DeviceStateSchema.safeParse(msg.json());
        if (parsed?.success) client.states.push({ at: Date.now(), state: parsed.data });
      },
    });
    await client.nc.flush();
    return client;
  }

  async request(subject: string, body: unknown, timeout = 5000): Promise<unknown> {
    return (await this.nc.request(subject, JSON.stringify(body), { timeout })).json();
  }

  command(deviceId: string, command: string, requestId: string, user = 'alice'): Promise<unknown> {
    return this.request(subjects.controlCommand, { deviceId, command, requestId, user });
  }

  async snapshot(): Promise<ControlSnapshot> {
    return ControlSnapshotSchema.parse(await this.request(subjects.controlSnapshot, {}));
  }

  async events(query: EventsQueryInput): Promise<FleetEvent[]> {
    return EventsReplySchema.parse(await this.request(subjects.controlEvents, query)).events;
  }

  /** The latest state published for `deviceId`. */
  latest(deviceId: string): DeviceState | undefined {
    return this.states.findLast((s) => s.state.deviceId === deviceId)?.state;
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}
