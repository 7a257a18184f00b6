import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import {
  AlarmAckSchema,
  ControlCommandSchema,
  partitionInbox,
  partitionOf,
  subjects,
  type AckResult,
  type AlarmAck,
  type AlarmAckReply,
  type ControlCommand,
  type ControlCommandReply,
  type DeviceBatch,
  type FleetSnapshot,
  type PartitionLayout,
} from '@fleet/contracts';
import { startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { testAlarm, testStatus } from './fake-controller';
import { OPERATOR, firstSnapshot, metricValue, openSocket, startGateway, type ClientSocket } from './gateway-harness';

jest.setTimeout(60_000);

const LAYOUT: PartitionLayout = { mapped: true, count: 16 };
const ATTEMPT_TIMEOUT_MS = 400;
const RETRY_MS = 2500;
/** When the late replica subscribes: well after the first attempts met "no responders". */
const LATE_REPLICA_MS = 1000;

/** The first `n` camera ids that fall into `n` different partitions, so each test has its own owner. */
function camerasInDistinctPartitions(n: number): string[] {
  const byPartition = new Map<number, string>();
  for (let i = 1; byPartition.size < n; i++) {
    const id = `camera-${i}`;
    const p = partitionOf(id, LAYOUT.count);
    if (!byPartition.has(p)) byPartition.set(p, id);
  }
  return [...byPartition.values()];
}

const [LIVE, LATE, ORPHAN, SILENT, ALARMED] = camerasInDistinctPartitions(5);
const ALARM = testAlarm('alarm-p1', ALARMED ?? '');

/** What a stand-in replica received, with the subject it arrived on. */
interface Received<T> {
  subject: string;
  body: T;
}

/**
 * A stand-in for one controller replica (a separate process in production) owning partition `p`:
 * answers commands on `fleet.v1.control.command.*.<p>`, or never answers when `silent`.
 */
class ReplicaStandIn {
  readonly commands: Array<Received<ControlCommand>> = [];
  readonly acks: Array<Received<AlarmAck>> = [];
  private readonly subs: Subscription[] = [];

  constructor(
    private readonly nc: NatsConnection,
    readonly partition: number,
    private readonly silent = false,
  ) {}

  /** Subscribes to the partition's commands and alarm acks; resolves once the broker has them. */
  async start(): Promise<this> {
    const inbox = partitionInbox(LAYOUT, this.partition);
    this.subs.push(
      this.nc.subscribe(inbox.command, {
        callback: (err, msg) => {
          const parsed = err ? undefined : ControlCommandSchema.safeParse(msg.json());
          if (!parsed?.success) return;
          this.commands.push({ subject: msg.subject, body: parsed.data });
          if (this.silent) return;
          const reply: ControlCommandReply = { requestId: parsed.data.requestId, accepted: true, state: 'Exposing' };
          msg.respond(JSON.stringify(reply));
        },
      }),
      this.nc.subscribe(inbox.alarmAck, {
        callback: (err, msg) => {
          const parsed = err ? undefined : AlarmAckSchema.safeParse(msg.json());
          if (!parsed?.success) return;
          this.acks.push({ subject: msg.subject, body: parsed.data });
          const reply: AlarmAckReply = { accepted: true, alarm: { ...ALARM, acknowledged: { by: parsed.data.user ?? 'unknown', at: Date.now() } } };
          msg.respond(JSON.stringify(reply));
        },
      }),
    );
    await this.nc.flush();
    return this;
  }

  stop(): void {
    for (const sub of this.subs) sub.unsubscribe();
  }
}

/** The stand-in replica owning `deviceId`'s partition. */
function replicaFor(nc: NatsConnection, deviceId: string, silent = false): Promise<ReplicaStandIn> {
  return new ReplicaStandIn(nc, partitionOf(deviceId, LAYOUT.count), silent).start();
}

describe('gateway - on a partitioning broker (controller replicas)', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let gateway: AppProcess;
  let port: number;
  const sockets: ClientSocket[] = [];
  const replicas: ReplicaStandIn[] = [];

  async function operator(): Promise<ClientSocket> {
    const socket = openSocket(port, OPERATOR.token);
    sockets.push(socket);
    await firstSnapshot(socket);
    return socket;
  }

  function command(socket: ClientSocket, deviceId: string): Promise<AckResult<ControlCommandReply>> {
    return socket.timeout(RETRY_MS + 5000).emitWithAck('command', { deviceId, command: 'start' });
  }

  beforeAll(async () => {
    broker = await startTestBroker({ partitions: LAYOUT.count });
    nc = await connect(broker.connectionOptions());
    // The snapshot is served by any replica; it lists the alarm whose ack must reach its device's owner.
    nc.subscribe(subjects.controlSnapshot, {
      callback: (err, msg) => {
        if (!err) msg.respond(JSON.stringify({ devices: [], alarms: [ALARM] }));
      },
    });
    await nc.flush();
    ({ app: gateway, port } = await startGateway(broker, [
      '--command-timeout-ms', String(ATTEMPT_TIMEOUT_MS),
      '--command-retry-ms', String(RETRY_MS),
    ]));
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const replica of replicas) replica.stop();
    await gateway?.service.kill();
    await nc?.drain();
    await broker?.stop();
  });

  it('status - published on plain subjects, delivered partitioned, reaches clients once each', async () => {
    const devices = [LIVE, LATE, ORPHAN, SILENT].flatMap((id) => (id === undefined ? [] : [id]));
    const delivered: string[] = [];
    const watch = nc.subscribe(subjects.allDeviceStatusPartitioned, { callback: (_err, msg) => void delivered.push(msg.subject) });
    await nc.flush();
    const socket = await operator();
    const seen = new Set<string>();
    socket.on('devices', (batch: DeviceBatch) => batch.statuses.forEach((s) => seen.add(s.deviceId)));
    const before = await metricValue(port, 'fleet_gateway_statuses_received_total');

    for (const id of devices) nc.publish(subjects.deviceStatus(id), JSON.stringify(testStatus(id, 'camera', 1)));
    await waitFor('every status at the client', () => devices.every((id) => seen.has(id)));
    watch.unsubscribe();

    // The broker really rewrote the subjects: the plain subscription alone would have seen nothing.
    expect(delivered.sort()).toEqual(devices.map((id) => `${subjects.deviceStatus(id)}.${partitionOf(id, LAYOUT.count)}`).sort());
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await metricValue(port, 'fleet_gateway_statuses_received_total')) - before).toBe(devices.length);
  });

  it('commands - reach the replica owning the device\'s partition, with the user', async () => {
    if (LIVE === undefined) throw new Error('no device');
    const replica = await replicaFor(nc, LIVE);
    replicas.push(replica);
    const socket = await operator();

    const reply = await command(socket, LIVE);

    expect(reply).toEqual({ data: expect.objectContaining({ accepted: true }) });
    expect(replica.commands).toHaveLength(1);
    expect(replica.commands[0]).toEqual({
      subject: `${subjects.controlCommandFor(LIVE)}.${replica.partition}`,
      body: expect.objectContaining({ deviceId: LIVE, command: 'start', user: OPERATOR.user }),
    });
  });

  it('commands - a replica that takes the partition over after ~1 s gets the command exactly once, and the client its reply', async () => {
    if (LATE === undefined) throw new Error('no device');
    const socket = await operator();
    const retriesBefore = await metricValue(port, 'fleet_gateway_controller_retries_total{request="command",miss="no-responders"}');
    const started = Date.now();
    const pending = command(socket, LATE);
    await new Promise((resolve) => setTimeout(resolve, LATE_REPLICA_MS));
    const replica = await replicaFor(nc, LATE);
    replicas.push(replica);

    const reply = await pending;
    const tookMs = Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 3 * ATTEMPT_TIMEOUT_MS));

    expect(reply).toEqual({ data: expect.objectContaining({ accepted: true }) });
    expect(tookMs).toBeGreaterThanOrEqual(LATE_REPLICA_MS);
    expect(replica.commands).toHaveLength(1);
    expect('data' in reply && reply.data.requestId).toBe(replica.commands[0]?.body.requestId);
    expect(await metricValue(port, 'fleet_gateway_controller_retries_total{request="command",miss="no-responders"}')).toBeGreaterThan(retriesBefore);
  });

  it('commands - with no owner until the deadline, the client gets a clear error', async () => {
    if (ORPHAN === undefined) throw new Error('no device');
    const socket = await operator();
    const started = Date.now();

    const reply = await command(socket, ORPHAN);
    const tookMs = Date.now() - started;

    expect(reply).toEqual({
      error: expect.stringMatching(
        new RegExp(`^controller unavailable: no controller answered on ${subjects.controlCommandFor(ORPHAN).replace(/\./g, '\\.')} within \\d+ ms \\(\\d+ attempts, last: no responders\\)$`),
      ),
    });
    expect(tookMs).toBeGreaterThanOrEqual(RETRY_MS - 100);
    expect(tookMs).toBeLessThan(RETRY_MS + 1500);
  });

  it('commands - an owner that never answers gets every retry with the same requestId, then the client an error', async () => {
    if (SILENT === undefined) throw new Error('no device');
    const replica = await replicaFor(nc, SILENT, true);
    replicas.push(replica);
    const socket = await operator();
    const requestId = 'op-silent-1';

    const reply: AckResult<ControlCommandReply> = await socket
      .timeout(RETRY_MS + 5000)
      .emitWithAck('command', { deviceId: SILENT, command: 'start', requestId });

    expect(reply).toEqual({ error: expect.stringMatching(/^controller unavailable: .* \(\d+ attempts, last: timeout\)$/) });
    expect(replica.commands.length).toBeGreaterThanOrEqual(2);
    expect(new Set(replica.commands.map((c) => c.body.requestId))).toEqual(new Set([requestId]));
  });

  it('alarms - an ack for a listed alarm goes to the owner of its device; an unknown alarm to the plain subject', async () => {
    if (ALARMED === undefined) throw new Error('no device');
    const replica = await replicaFor(nc, ALARMED);
    replicas.push(replica);
    const legacy: AlarmAck[] = [];
    const anyReplica = nc.subscribe(subjects.alarmAck, {
      callback: (_err, msg) => {
        const parsed = AlarmAckSchema.safeParse(msg.json());
        if (parsed.success) legacy.push(parsed.data);
        msg.respond(JSON.stringify({ accepted: false, reason: 'no such alarm' }));
      },
    });
    await nc.flush();
    const socket = await operator();
    await waitFor('the alarm in the snapshot', async () => {
      const result: AckResult<FleetSnapshot> = await socket.timeout(2000).emitWithAck('snapshot');
      return 'data' in result && result.data.alarms.some((a) => a.id === ALARM.id);
    });

    const known: AckResult<AlarmAckReply> = await socket.timeout(RETRY_MS + 5000).emitWithAck('alarm:ack', { alarmId: ALARM.id });
    const unknown: AckResult<AlarmAckReply> = await socket.timeout(RETRY_MS + 5000).emitWithAck('alarm:ack', { alarmId: 'alarm-unseen' });
    anyReplica.unsubscribe();

    expect(known).toEqual({ data: expect.objectContaining({ accepted: true }) });
    expect(replica.acks).toEqual([
      { subject: `${subjects.alarmAckFor(ALARMED)}.${replica.partition}`, body: expect.objectContaining({ alarmId: ALARM.id, user: OPERATOR.user }) },
    ]);
    expect(unknown).toEqual({ data: { accepted: false, reason: 'no such alarm' } });
    expect(legacy).toEqual([expect.objectContaining({ alarmId: 'alarm-unseen', user: OPERATOR.user })]);
  });
});
