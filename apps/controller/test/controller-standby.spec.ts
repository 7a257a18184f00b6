import { Kvm } from '@nats-io/kv';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import type { ControllerProcess } from './controller-process';
import { metricValue, startCameraFleet, startReplica, type CameraFleet } from './replica-fleet';
import { TestClient } from './test-client';

jest.setTimeout(90_000);

describe('controller - replicas on a broker without the partition mapping', () => {
  let broker: TestBroker;
  let client: TestClient;
  let fleet: CameraFleet;
  const replicas = new Map<string, ControllerProcess>();

  beforeAll(async () => {
    broker = await startTestBroker();
    client = await TestClient.connect(broker);
    replicas.set('a', await startReplica(broker, 'a'));
    replicas.set('b', await startReplica(broker, 'b'));
    fleet = await startCameraFleet(broker, 2);
  });

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([...replicas.values()].map((r) => r.stop()));
    await client?.close();
    await broker?.stop();
  });

  it('standby - one replica serves the whole fleet as one partition, and the standby takes over when it dies', async () => {
    const owned = async (id: string): Promise<number> => metricValue(replicas.get(id) as ControllerProcess, 'fleet_controller_partitions_owned');
    const active = await waitFor('one active replica', async () => {
      const [a, b] = [await owned('a'), await owned('b')];
      return a + b === 1 ? (a === 1 ? 'a' : 'b') : undefined;
    }, { timeoutMs: 10_000 });
    const standby = active === 'a' ? 'b' : 'a';
    expect(replicas.get(active)?.logs.find((l) => l.msg === 'ready')).toMatchObject({ layout: { mapped: false, count: 1 } });
    await waitFor('camera-1 Idle', async () => ((await client.snapshot()).devices.some((d) => d.deviceId === 'camera-1' && d.state === 'Idle') ? true : undefined), { timeoutMs: 10_000 });

    const killedAt = Date.now();
    await replicas.get(active)?.kill();
    replicas.delete(active);
    await waitFor('the standby active', async () => ((await owned(standby)) === 1 ? true : undefined), { timeoutMs: 10_000, intervalMs: 20 });
    console.log(`standby took over ${Date.now() - killedAt} ms after the active replica was killed`);
    expect(Date.now() - killedAt).toBeLessThan(3500);
    expect(await client.command('camera-1', 'start', 'standby-start')).toMatchObject({ accepted: true, state: 'Exposing' });
  });

  it('standby - a replica whose lease another process took stops acting at once, and takes the partition back when that lease expires', async () => {
    const replica = [...replicas.values()][0];
    if (!replica) throw new Error('no replica left');
    const owned = (): Promise<number> => metricValue(replica, 'fleet_controller_partitions_owned');
    const lost = (): Promise<number> => metricValue(replica, 'fleet_controller_partition_changes_total', 'change="lost"');
    const lostBefore = await lost();
    const leases = await new Kvm(client.nc).open('fleet_partitions');
    await leases.put('p.0', JSON.stringify({ owner: 'intruder' }));
    await waitFor('the replica letting go of partition 0', async () => ((await owned()) === 0 ? true : undefined), { timeoutMs: 5000, intervalMs: 20 });
    expect((await lost()) - lostBefore).toBe(1);
    // The intruder never renews: its lease expires after one lease time and the replica takes it back.
    await waitFor('the replica owning partition 0 again', async () => ((await owned()) === 1 ? true : undefined), { timeoutMs: 10_000 });
    expect(await client.command('camera-1', 'abort', 'standby-abort')).toMatchObject({ accepted: true, state: 'Aborting' });
  });
});
