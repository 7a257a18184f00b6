import { spawnSync } from 'node:child_process';
import { Kvm } from '@nats-io/kv';
import { AlarmAckReplySchema, partitionOf, subjects } from '@fleet/contracts';
import { appEntry } from '@fleet/fleet-runner';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import type { ControllerProcess } from './controller-process';
import { expectEachRanOnce, hardwareBaseline, metricValue, startCameraFleet, startCommandLoad, startReplica, type CameraFleet } from './replica-fleet';
import { TestClient } from './test-client';

jest.setTimeout(120_000);

const PARTITIONS = 16;
const CAMERAS = 8;
/** The takeover target is 2 s; the margin keeps a loaded CI machine from flaking. */
const TAKEOVER_LIMIT_MS = 3500;

describe('controller - replicas on a partitioned broker', () => {
  let broker: TestBroker;
  let client: TestClient;
  let fleet: CameraFleet;
  const replicas = new Map<string, ControllerProcess>();

  const owned = async (id: string): Promise<number> => {
    const replica = replicas.get(id);
    return replica ? metricValue(replica, 'fleet_controller_partitions_owned') : 0;
  };

  beforeAll(async () => {
    broker = await startTestBroker({ partitions: PARTITIONS });
    client = await TestClient.connect(broker);
    replicas.set('c1', await startReplica(broker, 'c1'));
    fleet = await startCameraFleet(broker, CAMERAS);
    replicas.set('c2', await startReplica(broker, 'c2'));
  });

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([...replicas.values()].map((r) => r.stop()));
    await client?.close();
    await broker?.stop();
  });

  it('replicas - split the partitions evenly, and every device answers through any replica', async () => {
    await waitFor('two replicas sharing 16 partitions', async () => ((await owned('c1')) === 8 && (await owned('c2')) === 8 ? true : undefined), { timeoutMs: 15_000 });
    const cameras = new Set(fleet.ids);
    await waitFor('every camera Idle in the snapshot', async () => {
      const snapshot = await client.snapshot();
      return snapshot.devices.filter((d) => cameras.has(d.deviceId) && d.state === 'Idle').length === CAMERAS ? true : undefined;
    }, { timeoutMs: 15_000 });
    // Snapshots come from either replica (queue group): each must be complete.
    for (let i = 0; i < 10; i++) expect((await client.snapshot()).devices.map((d) => d.deviceId).sort()).toEqual([...cameras].sort());
    const partitionsUsed = new Set(fleet.ids.map((id) => partitionOf(id, PARTITIONS)));
    expect(partitionsUsed.size).toBeGreaterThan(1);
    for (const id of fleet.ids) {
      expect(await client.command(id, 'start', `split-start-${id}`)).toMatchObject({ accepted: true, state: 'Exposing' });
      expect(await client.command(id, 'abort', `split-abort-${id}`)).toMatchObject({ accepted: true, state: 'Aborting' });
    }
  });

  it('replicas - a killed replica is taken over within 2 s, a new one rebalances, and no hardware command runs twice', async () => {
    const before = await hardwareBaseline(fleet, client);
    const load = startCommandLoad(client, fleet.ids);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const killedAt = Date.now();
    await replicas.get('c1')?.kill();
    replicas.delete('c1');
    await waitFor('c2 owning every partition', async () => ((await owned('c2')) === PARTITIONS ? true : undefined), { timeoutMs: 10_000, intervalMs: 20 });
    const takeoverMs = Date.now() - killedAt;
    console.log(`takeover: the survivor held all ${PARTITIONS} partitions ${takeoverMs} ms after the other replica was killed (lease 1000 ms)`);
    expect(takeoverMs).toBeLessThan(TAKEOVER_LIMIT_MS);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    const joinedAt = Date.now();
    replicas.set('c3', await startReplica(broker, 'c3'));
    await waitFor('c2 and c3 sharing the partitions', async () => ((await owned('c2')) === 8 && (await owned('c3')) === 8 ? true : undefined), { timeoutMs: 15_000, intervalMs: 20 });
    console.log(`rebalance: a new replica held its 8 partitions ${Date.now() - joinedAt} ms after it was started`);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const records = await load.stop();
    expect(records.filter((r) => r.outcome === 'accepted').length).toBeGreaterThan(CAMERAS * 4);
    await expectEachRanOnce(fleet, client, before, records);
  });

  it('replicas - alarms of every device can be acknowledged through the legacy subject, whichever replica takes it', async () => {
    for (const id of fleet.ids) await client.request(subjects.simFault(id), { fault: 'hang' });
    const cameras = new Set(fleet.ids);
    const alarms = await waitFor('a fault alarm for every camera', async () => {
      const found = (await client.snapshot()).alarms.filter((a) => cameras.has(a.deviceId) && a.code === 'fault' && a.acknowledged === null);
      return new Set(found.map((a) => a.deviceId)).size === CAMERAS ? found : undefined;
    }, { timeoutMs: 20_000 });
    for (const alarm of alarms) {
      const reply = AlarmAckReplySchema.parse(await client.request(subjects.alarmAck, { alarmId: alarm.id, requestId: `ack-${alarm.id}`, user: 'alice' }));
      expect(reply).toMatchObject({ accepted: true, alarm: { id: alarm.id, acknowledged: { by: 'alice' } } });
    }
    for (const id of fleet.ids) await client.request(subjects.simFault(id), { fault: 'clear' });
  });

  it('replicas - a bad value in the stored state or alarms is counted by every replica and left out of snapshots', async () => {
    const invalid = (id: string, bucket: string): Promise<number> =>
      metricValue(replicas.get(id) as ControllerProcess, 'fleet_controller_invalid_messages_total', `subject="kv:${bucket}"`);
    const ids = [...replicas.keys()];
    const before = await Promise.all(ids.map(async (id) => (await invalid(id, 'fleet_state')) + (await invalid(id, 'fleet_alarms'))));
    const kvm = new Kvm(client.nc);
    const states = await kvm.open('fleet_state');
    const alarms = await kvm.open('fleet_alarms');
    await states.put('camera-98', 'not json');
    await states.put('camera-99', JSON.stringify({ deviceId: 'camera-99', kind: 'toaster' }));
    await alarms.put('a-bad', JSON.stringify({ id: 'a-bad' }));
    await waitFor('every replica counting the three bad values', async () => {
      const now = await Promise.all(ids.map(async (id) => (await invalid(id, 'fleet_state')) + (await invalid(id, 'fleet_alarms'))));
      return now.every((n, i) => n - (before[i] ?? 0) === 3) ? true : undefined;
    }, { timeoutMs: 10_000 });
    const snapshot = await client.snapshot();
    expect(snapshot.devices.map((d) => d.deviceId)).not.toContain('camera-99');
    expect(snapshot.alarms.map((a) => a.id)).not.toContain('a-bad');
    expect(snapshot.devices.filter((d) => fleet.ids.includes(d.deviceId))).toHaveLength(CAMERAS);
    await Promise.all([states.delete('camera-98'), states.delete('camera-99'), alarms.delete('a-bad')]);
  });

  it('replicas - a controller whose --partitions differs from the broker mapping exits 2 and says why', () => {
    const run = spawnSync(process.execPath, [appEntry('controller'), ...broker.appArgs('controller'), '--partitions', '8', '--http-port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('does not split the fleet into 8 partitions');
  });
});
