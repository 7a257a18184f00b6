import { subjects } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { startRealDevices, type RealDevices } from './real-devices';
import { TestClient } from './test-client';

jest.setTimeout(60_000);

const CAMERA = 'camera-1';

describe('controller - broker restart with a real simulator and agent', () => {
  let broker: TestBroker;
  let controller: ControllerProcess;
  let devices: RealDevices;
  let client: TestClient;

  /** Retries like a client would while the broker comes back. */
  const retry = (deviceId: string, command: string, requestId: string) =>
    waitFor(
      `a reply to ${requestId}`,
      async () => {
        try {
          return await client.request(subjects.controlCommand, { deviceId, command, requestId, user: 'alice' }, 1000);
        } catch {
          return undefined;
        }
      },
      { timeoutMs: 15_000, intervalMs: 200 },
    );

  beforeAll(async () => {
    broker = await startTestBroker({ devices: [CAMERA] });
    client = await TestClient.connect(broker);
    controller = await startController([...broker.appArgs('controller'), '--step-ms', '500']);
    devices = await startRealDevices(broker, [CAMERA]);
    await waitFor('camera Idle', () => client.latest(CAMERA)?.state === 'Idle', { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await devices?.stop();
    const exit = await controller?.stop();
    await client?.close();
    await broker?.stop();
    expect(exit?.code).toBe(0);
  });

  it('broker restart - a retried requestId returns the original reply, also after a later controller restart, and runs once', async () => {
    const first = await client.command(CAMERA, 'start', 'br-1');
    expect(first).toEqual({ requestId: 'br-1', accepted: true, outcome: 'accepted', state: 'Exposing' });
    await broker.restart();
    const restartedAt = Date.now();
    expect(await retry(CAMERA, 'start', 'br-1')).toEqual(first);
    console.log(`controller answered ${Date.now() - restartedAt} ms after the broker restart`);
    // The in-memory cache is gone after a controller restart: the reply now comes from KV, which survived the broker restart.
    expect((await controller.stop()).code).toBe(0);
    controller = await startController([...broker.appArgs('controller'), '--step-ms', '500']);
    expect(await retry(CAMERA, 'start', 'br-1')).toEqual(first);
    const events = await client.events({ deviceId: CAMERA, limit: 1000 });
    expect(events.filter((e) => e.type === 'command' && e.requestId === 'br-1')).toHaveLength(1);
  });

  it('broker restart - the controller republishes every state once it is back, without a transition', async () => {
    await waitFor('camera Exposing', () => client.latest(CAMERA)?.state === 'Exposing', { timeoutMs: 5000 });
    await broker.restart();
    const backAt = Date.now();
    const republished = await waitFor(
      'a state message after the restart',
      () => client.states.find((s) => s.at >= backAt && s.state.deviceId === CAMERA),
      { timeoutMs: 5000 },
    );
    expect(republished.state.state).toBe('Exposing');
    console.log(`state republished ${republished.at - backAt} ms after the broker came back`);
    // The outage was the broker's, not the camera's: it never went Offline.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(client.states.filter((s) => s.at >= backAt && s.state.deviceId === CAMERA).map((s) => s.state.state)).not.toContain('Offline');
  });

  it('broker restart - status resumes and new commands work', async () => {
    await waitFor('camera Exposing', () => client.latest(CAMERA)?.state === 'Exposing', { timeoutMs: 5000 });
    await broker.restart();
    const backAt = Date.now();
    // Status resumes first: until the agent is back, a command is rightly refused as "nothing was sent".
    await waitFor(
      'status from the camera after the restart',
      async () => ((await client.snapshot()).devices.find((d) => d.deviceId === CAMERA)?.lastSeen ?? 0) > backAt,
      { timeoutMs: 5000 },
    );
    expect(await retry(CAMERA, 'stop', 'br-2')).toEqual({ requestId: 'br-2', accepted: true, outcome: 'accepted', state: 'SavingImages' });
    await waitFor('camera Idle after the step', () => client.latest(CAMERA)?.state === 'Idle', { timeoutMs: 5000 });
    const seen = (await client.snapshot()).devices.find((d) => d.deviceId === CAMERA)?.lastSeen ?? 0;
    expect(Date.now() - seen).toBeLessThan(1000);
  });
});
