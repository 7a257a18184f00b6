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
    client = await TestClient.connect(broker.url);
    replicas.set('a', await startReplica(broker.url, 'a'));
    replicas.set('b', await startReplica(broker.url, 'b'));
    fleet = await startCameraFleet(broker.url, 2);
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
});
