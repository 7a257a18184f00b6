import type { BrokerAccess } from '@fleet/test-support';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  ControlSnapshotSchema,
  DeviceCommandSchema,
  SimFaultReplySchema,
  subjects,
  type ControlSnapshot,
  type DeviceCommand,
  type SimFaultReply,
  type SimFaultRequest,
} from '@fleet/contracts';

/** The successful reply of a simulator fault request. */
export type SimFaultOk = Extract<SimFaultReply, { ok: true }>;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The test's own NATS connection to the fleet's broker: drives simulator faults, asks the
 * controller directly, and watches what crosses the wire (hardware commands to agents, operator
 * commands to the controller) so the tests can count them.
 */
export class NatsProbe {
  /** Hardware commands delivered to each agent on `fleet.v1.device.<id>.cmd`, in order. */
  readonly agentCommands = new Map<string, DeviceCommand[]>();
  /**
   * Operator commands seen on the wire (anything asking a controller to act): on the plain
   * `fleet.v1.control.command` and on the per-device `fleet.v1.control.command.<id>[.<partition>]`
   * the gateway addresses. A plain one that a controller replica passes on to the device's owner
   * counts twice; the tests only compare it with zero.
   */
  controlCommands = 0;
  private readonly subs: Subscription[] = [];

  private constructor(readonly nc: NatsConnection) {}

  /**
   * Connects as the `harness` identity (it hears every command and injects what no fleet identity
   * may: simulator faults, malformed input on every subject), reconnecting forever, so a broker
   * restart does not end the probe, and subscribes.
   */
  static async connect(broker: BrokerAccess): Promise<NatsProbe> {
    const nc = await connect({ ...broker.connectionOptions('harness'), name: 'fault-probe', maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const probe = new NatsProbe(nc);
    probe.subs.push(
      nc.subscribe(subjects.deviceCommand('*'), {
        callback: (_err, msg) => {
          const parsed = DeviceCommandSchema.safeParse(parseJson(msg.string()));
          const deviceId = msg.subject.split('.')[3] ?? '';
          // Malformed commands (sent by the hostile spec) are not hardware commands.
          if (!parsed.success) return;
          probe.agentCommands.set(deviceId, [...(probe.agentCommands.get(deviceId) ?? []), parsed.data]);
        },
      }),
      nc.subscribe(subjects.controlCommand, { callback: () => void probe.controlCommands++ }),
      // `>` covers both forms: `.<id>` from an unmapped broker and `.<id>.<partition>` from a mapped one.
      nc.subscribe(subjects.controlCommandFor('>'), { callback: () => void probe.controlCommands++ }),
    );
    await nc.flush();
    return probe;
  }

  /** How many `command` hardware commands reached the agent of `deviceId` (e.g. `start_exposure`). */
  hardwareCount(deviceId: string, command: string): number {
    return (this.agentCommands.get(deviceId) ?? []).filter((c) => c.command === command).length;
  }

  /** Sends a fault request to the simulator; throws unless it succeeds. */
  async simFault(deviceId: string, request: SimFaultRequest): Promise<SimFaultOk> {
    const msg = await this.nc.request(subjects.simFault(deviceId), JSON.stringify(request), { timeout: 2000 });
    const reply = SimFaultReplySchema.parse(msg.json());
    if (!reply.ok) throw new Error(`fault ${request.fault} on ${deviceId} failed: ${reply.error}`);
    return reply;
  }

  /** The controller's own snapshot (`fleet.v1.control.snapshot`), straight from it, not via the gateway. */
  async controllerSnapshot(timeoutMs = 1000): Promise<ControlSnapshot> {
    const msg = await this.nc.request(subjects.controlSnapshot, '{}', { timeout: timeoutMs });
    return ControlSnapshotSchema.parse(msg.json());
  }

  /** Resolves once a round trip to the broker works (e.g. after it restarted). */
  async ping(): Promise<boolean> {
    await this.nc.flush();
    return true;
  }

  async close(): Promise<void> {
    for (const sub of this.subs) sub.unsubscribe();
    await this.nc.close();
  }
}
