import { subjects, deviceIdFromSubject } from '@fleet/contracts';
import { startTestCluster, waitFor, type TestCluster } from '@fleet/test-support';
import type { ControllerProcess } from './controller-process';
import { expectEachRanOnce, hardwareBaseline, metricValue, startCameraFleet, startCommandLoad, startReplica, type CameraFleet } from './replica-fleet';
import { TestClient } from './test-client';

jest.setTimeout(180_000);

const PARTITIONS = 16;
const CAMERAS = 6;

describe('controller - replicas on a 3-node NATS cluster', () => {
  let cluster: TestCluster;
  let client: TestClient;
  let fleet: CameraFleet;
  const replicas = new Map<string, ControllerProcess>();
  /** Arrival times of status messages per device, from a subscriber on the whole cluster. */
  const arrivals = new Map<string, number[]>();

  beforeAll(async () => {
    cluster = await startTestCluster({ partitions: PARTITIONS });
    // The agent and the surviving replica start on node 0, the one killed, so they must fail over
    // to nodes they only learned from the cluster; the observer watches from node 1.
    const doomed = cluster.through(0);
    client = await TestClient.connect(cluster.through(1));
    client.nc.subscribe(subjects.allDeviceStatusPartitioned, {
      callback: (err, msg) => {
        const id = err ? undefined : deviceIdFromSubject(msg.subject);
        if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), Date.now()]);
      },
    });
    const replicaArgs = ['--kv-replicas', '3'];
    replicas.set('c1', await startReplica(cluster, 'c1', replicaArgs));
    replicas.set('c2', await startReplica(doomed, 'c2', replicaArgs));
    fleet = await startCameraFleet(doomed, CAMERAS);
  });

  afterAll(async () => {
    await fleet?.stop();
    await Promise.all([...replicas.values()].map((r) => r.stop()));
    await client?.close();
    await cluster?.stop();
  });

  it('cluster - one broker node and one controller replica die while status and commands flow; nothing is lost or run twice', async () => {
    const owned = async (id: string): Promise<number> => metricValue(replicas.get(id) as ControllerProcess, 'fleet_controller_partitions_owned');
    await waitFor('two replicas sharing the partitions', async () => ((await owned('c1')) + (await owned('c2')) === PARTITIONS && (await owned('c2')) > 0 ? true : undefined), { timeoutMs: 20_000 });
    const cameras = new Set(fleet.ids);
    await waitFor('every camera Idle', async () => ((await client.snapshot()).devices.filter((d) => cameras.has(d.deviceId) && d.state === 'Idle').length === CAMERAS ? true : undefined), { timeoutMs: 20_000 });

    const before = await hardwareBaseline(fleet, client);
    const load = startCommandLoad(client, fleet.ids);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const faultAt = Date.now();
    await Promise.all([cluster.killNode(0), replicas.get('c1')?.kill()]);
    replicas.delete('c1');
    await waitFor('the surviving replica owning every partition', async () => ((await owned('c2')) === PARTITIONS ? true : undefined), { timeoutMs: 30_000, intervalMs: 50 });
    const takeoverMs = Date.now() - faultAt;
    console.log(`cluster takeover: the survivor held all ${PARTITIONS} partitions ${takeoverMs} ms after a broker node and a replica were killed`);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const records = await load.stop();

    // Status kept reaching subscribers from every device, through the surviving nodes.
    const settled = Date.now();
    await waitFor('status from every camera after the faults', () => (fleet.ids.every((id) => (arrivals.get(id) ?? []).some((t) => t > settled)) ? true : undefined), { timeoutMs: 10_000 });
    for (const id of fleet.ids) {
      const times = (arrivals.get(id) ?? []).filter((t) => t > faultAt - 1000);
      const longestGap = Math.max(...times.slice(1).map((t, i) => t - (times[i] ?? t)));
      console.log(`cluster: ${id} longest status gap across the faults ${longestGap} ms`);
      expect(longestGap).toBeLessThan(8000);
    }
    expect(records.filter((r) => r.outcome === 'accepted').length).toBeGreaterThan(CAMERAS * 2);
    await expectEachRanOnce(fleet, client, before, records);
    const snapshot = await client.snapshot();
    expect(snapshot.devices.filter((d) => cameras.has(d.deviceId))).toHaveLength(CAMERAS);
  });
});
