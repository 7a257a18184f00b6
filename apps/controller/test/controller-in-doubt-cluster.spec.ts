import { ControlCommandReplySchema, subjects, type ControlCommandReply } from '@fleet/contracts';
import { startTestCluster, waitFor, type TestCluster } from '@fleet/test-support';
import type { ControllerProcess } from './controller-process';
import { startCameraFleet, startReplica, type CameraFleet } from './replica-fleet';
import { TestClient } from './test-client';

jest.setTimeout(180_000);

const PARTITIONS = 16;
const CAMERA = 'camera-1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 14's interleaving on a 3-node cluster, on demand: the simulator holds the device's answer
 * while the broker node carrying the agent is killed, so the agent's reply cannot come back in
 * time. The controller must not say "refused", and a retry with the same requestId must not run
 * the hardware again.
 */
describe('controller - a command in flight when a broker node dies', () => {
  let cluster: TestCluster;
  let client: TestClient;
  let fleet: CameraFleet;
  let replica: ControllerProcess;

  const command = async (requestId: string): Promise<ControlCommandReply> =>
    ControlCommandReplySchema.parse(await client.request(subjects.controlCommandFor(CAMERA), { deviceId: CAMERA, command: 'start', requestId, user: 'alice' }, 15_000));
  const starts = async (): Promise<number> => (await fleet.hardwareCounts(client.nc, CAMERA)).start_exposure ?? 0;

  beforeAll(async () => {
    cluster = await startTestCluster({ partitions: PARTITIONS });
    const doomed = cluster.through(0);
    const survivor = cluster.through(1);
    client = await TestClient.connect(survivor);
    replica = await startReplica(survivor, 'c1', ['--kv-replicas', '3', '--agent-timeout-ms', '300']);
    fleet = await startCameraFleet(doomed, 1, ['--request-timeout-ms', '10000']);
    await waitFor('camera Idle', async () => ((await client.snapshot()).devices.find((d) => d.deviceId === CAMERA)?.state === 'Idle' ? true : undefined), { timeoutMs: 30_000 });
  });

  afterAll(async () => {
    await fleet?.stop();
    await replica?.stop();
    await client?.close();
    await cluster?.stop();
  });

  it('cluster - the agent\'s node dies while its reply is held: answered in doubt, never refused; the retry runs nothing', async () => {
    const before = await starts();
    await client.request(subjects.simFault(CAMERA), { fault: 'slow', latencyMs: 2500 });
    const first = command('cluster-doubt-1');
    await sleep(300);
    await cluster.killNode(0);
    const reply = await first;
    // The device answers 2.5 s after it ran the line, later than the controller waits and asks.
    expect(reply).toMatchObject({ accepted: false, outcome: 'in-doubt', reason: expect.stringMatching(/^sent; outcome unknown: check the device's state/) });
    expect(reply.reason).not.toMatch(/refused|unreachable/);
    await waitFor('start_exposure at the simulator', async () => ((await starts()) === before + 1 ? true : undefined), { timeoutMs: 20_000 });
    const settled = await waitFor('the retry answered from the agent', async () => {
      const again = await command('cluster-doubt-1').catch(() => undefined);
      return again && again.outcome !== 'in-doubt' ? again : undefined;
    }, { timeoutMs: 40_000, intervalMs: 500 });
    expect(settled).toMatchObject({ accepted: true, outcome: 'accepted' });
    expect(await starts()).toBe(before + 1);
    await client.request(subjects.simFault(CAMERA), { fault: 'clear' });
  });
});
