import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DeviceCommandReplySchema,
  DeviceStatusSchema,
  PresenceSchema,
  SimFaultReplySchema,
  subjects,
  type DeviceCommandInput,
  type DeviceCommandReply,
  type DeviceStatus,
  type Presence,
  type SimFaultReply,
  type SimFaultRequest,
} from '@fleet/contracts';
import { waitFor, type AppProcess, type BrokerAccess } from '@fleet/test-support';

/** Watches every device's status and presence on a real broker, and drives simulator faults and commands. */
export class FleetProbe {
  readonly statuses = new Map<string, DeviceStatus[]>();
  readonly presence: Presence[] = [];
  invalid = 0;

  private constructor(readonly nc: NatsConnection) {}

  /** Connects as the `harness` identity: it hears every device and drives the simulator's faults. */
  static async connect(broker: BrokerAccess): Promise<FleetProbe> {
    const nc = await connect({ ...broker.connectionOptions('harness'), maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const probe = new FleetProbe(nc);
    nc.subscribe(subjects.allDeviceStatus, {
      callback: (_err, msg) => {
        const parsed = DeviceStatusSchema.safeParse(msg.json());
        if (!parsed.success) return void probe.invalid++;
        const list = probe.statuses.get(parsed.data.deviceId) ?? [];
        list.push(parsed.data);
        probe.statuses.set(parsed.data.deviceId, list);
      },
    });
    nc.subscribe(subjects.allDevicePresence, {
      callback: (_err, msg) => {
        const parsed = PresenceSchema.safeParse(msg.json());
        if (parsed.success) probe.presence.push(parsed.data);
        else probe.invalid++;
      },
    });
    await nc.flush();
    return probe;
  }

  of(deviceId: string): DeviceStatus[] {
    return this.statuses.get(deviceId) ?? [];
  }

  last(deviceId: string): DeviceStatus | undefined {
    return this.of(deviceId).at(-1);
  }

  /** Waits for a status of `deviceId`, newer than every status seen so far, that satisfies `check`. */
  next(deviceId: string, check: (s: DeviceStatus) => boolean, timeoutMs = 5000): Promise<DeviceStatus> {
    const after = this.last(deviceId)?.seq ?? 0;
    return waitFor(`a status of ${deviceId} after seq ${after}`, () => this.of(deviceId).find((s) => s.seq > after && check(s)), { timeoutMs });
  }

  /** Statuses of `deviceId` received during the next `ms`. */
  async window(deviceId: string, ms: number): Promise<DeviceStatus[]> {
    const from = this.of(deviceId).length;
    await new Promise((r) => setTimeout(r, ms));
    return this.of(deviceId).slice(from);
  }

  async fault(deviceId: string, request: SimFaultRequest): Promise<Extract<SimFaultReply, { ok: true }>> {
    const msg = await this.nc.request(subjects.simFault(deviceId), JSON.stringify(request), { timeout: 2000 });
    const reply = SimFaultReplySchema.parse(msg.json());
    if (!reply.ok) throw new Error(`fault ${request.fault} on ${deviceId} failed: ${reply.error}`);
    return reply;
  }

  async command(deviceId: string, body: DeviceCommandInput): Promise<DeviceCommandReply> {
    const msg = await this.nc.request(subjects.deviceCommand(deviceId), JSON.stringify(body), { timeout: 2000 });
    return DeviceCommandReplySchema.parse(msg.json());
  }

  close(): Promise<void> {
    return this.nc.close();
  }
}

/** Ports of a simulator started with `--base-port 0`, from its `serving device` log lines. */
export function simPorts(sim: AppProcess): Map<string, number> {
  const ports = new Map<string, number>();
  for (const entry of sim.logs) {
    if (entry.msg === 'serving device' && typeof entry.deviceId === 'string' && typeof entry.port === 'number') {
      ports.set(entry.deviceId, entry.port);
    }
  }
  return ports;
}
