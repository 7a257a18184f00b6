import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AlarmActionReplySchema, ControlSnapshotSchema, DEFAULT_PARTITIONS, partitionOf, subjects, type AlarmActionReply, type ControlSnapshot } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import type { ControllerProcess } from './controller-process';
import { FakeSensor } from './fake-sensor';
import { metricValue, startReplica } from './replica-fleet';

jest.setTimeout(90_000);

/** Sensors in four different partitions, so two replicas each own some. */
const SENSORS = (() => {
  const ids: string[] = [];
  const used = new Set<number>();
  for (let i = 0; ids.length < 4; i++) {
    const id = `hot-${i}`;
    const p = partitionOf(id, DEFAULT_PARTITIONS);
    if (!used.has(p)) {
      used.add(p);
      ids.push(id);
    }
  }
  return ids;
})();

describe('controller - alarm actions across replicas on a partitioned broker', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  const replicas = new Map<string, ControllerProcess>();
  const sensors: FakeSensor[] = [];
  let n = 0;

  const request = async (subject: string, body: unknown): Promise<unknown> => (await nc.request(subject, JSON.stringify(body), { timeout: 8000 })).json();
  const act = async (body: Record<string, unknown>, subject: string = subjects.alarmAction): Promise<AlarmActionReply> =>
    AlarmActionReplySchema.parse(await request(subject, { requestId: `rep-${++n}`, user: 'alice', ...body }));
  const snapshot = async (): Promise<ControlSnapshot> => ControlSnapshotSchema.parse(await request(subjects.controlSnapshot, {}));

  beforeAll(async () => {
    broker = await startTestBroker({ partitions: DEFAULT_PARTITIONS });
    nc = await connect(broker.connectionOptions());
    const c1 = await startReplica(broker, 'c1');
    replicas.set('c1', c1);
    replicas.set('c2', await startReplica(broker, 'c2'));
    await waitFor('partitions split', async () => (await metricValue(c1, 'fleet_controller_partitions_owned')) === DEFAULT_PARTITIONS / 2, { timeoutMs: 15_000 });
    for (const id of SENSORS) {
      const s = new FakeSensor(nc, id, 10);
      s.temperature = 35;
      s.start();
      sensors.push(s);
    }
  });

  afterAll(async () => {
    for (const s of sensors) s.stop();
    await Promise.all([...replicas.values()].map((r) => r.stop()));
    await nc?.close();
    await broker?.stop();
  });

  it('replicas - one acknowledgement of every device goes to each owner; a shelve and an out of service survive a replica kill', async () => {
    const alarms = await waitFor('a HI alarm per sensor', async () => {
      const found = (await snapshot()).alarms.filter((a) => a.code === 'hi');
      return found.length === SENSORS.length ? found : undefined;
    }, { timeoutMs: 15_000 });
    const acked = await act({ action: 'ack', alarmIds: alarms.map((a) => a.id), comment: 'all seen' });
    expect(acked).toMatchObject({ accepted: true, refused: [] });
    expect(acked.alarms.map((a) => a.acknowledged?.comment)).toEqual(SENSORS.map(() => 'all seen'));

    const [first, second] = alarms;
    if (!first || !second) throw new Error('alarms expected');
    expect(await act({ action: 'shelve', alarmId: first.id, reason: 'drift', durationMs: 3_600_000 }, subjects.alarmActionFor(first.deviceId))).toMatchObject({ accepted: true });
    expect(await act({ action: 'out-of-service', deviceId: second.deviceId, reason: 'rewiring' })).toMatchObject({ accepted: true });

    await replicas.get('c1')?.kill();
    replicas.delete('c1');
    const survivor = replicas.get('c2');
    if (!survivor) throw new Error('c2 expected');
    await waitFor('c2 owns every partition', async () => (await metricValue(survivor, 'fleet_controller_partitions_owned')) === DEFAULT_PARTITIONS, { timeoutMs: 15_000 });
    const after = await snapshot();
    expect(after.alarms.find((a) => a.id === first.id)?.shelved).toMatchObject({ by: 'alice', reason: 'drift' });
    expect(after.outOfService.map((r) => r.deviceId)).toEqual([second.deviceId]);
    // The new owner applies actions on the taken-over devices, and refuses with the stored facts.
    expect(await act({ action: 'shelve', alarmId: first.id, reason: 'again' })).toMatchObject({ accepted: false, reason: expect.stringContaining('already shelved by alice') });
    expect(await act({ action: 'out-of-service', deviceId: second.deviceId, reason: 'x' })).toMatchObject({ accepted: false, reason: expect.stringContaining('already out of service') });
    expect(await act({ action: 'in-service', deviceId: second.deviceId, reason: 'done' })).toMatchObject({ accepted: true });
  });
});
