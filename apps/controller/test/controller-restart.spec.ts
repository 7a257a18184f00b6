import { subjects } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { startRealDevices, type RealDevices } from './real-devices';
import { TestClient } from './test-client';

jest.setTimeout(60_000);

const CAMERA = 'camera-1';
const STEP_MS = '1500';

describe('controller - restart with a real simulator and agent', () => {
  let broker: TestBroker;
  let controller: ControllerProcess | undefined;
  let devices: RealDevices;
  let client: TestClient;
  const start = async () => {
    controller = await startController([...broker.appArgs('controller'), '--step-ms', STEP_MS]);
  };
  const stateOf = () => client.latest(CAMERA)?.state;

  beforeAll(async () => {
    broker = await startTestBroker({ devices: [CAMERA] });
    client = await TestClient.connect(broker);
    await start();
    devices = await startRealDevices(broker, [CAMERA]);
    await waitFor('camera Idle', () => stateOf() === 'Idle', { timeoutMs: 10_000 });
  });

  afterAll(async () => {
    await devices?.stop();
    await controller?.stop();
    await client?.close();
    await broker?.stop();
  });

  it('restart - a camera in SavingImages at a controller crash completes its step after the restart', async () => {
    expect(await client.command(CAMERA, 'start', 'rs-start')).toMatchObject({ accepted: true, state: 'Exposing' });
    expect(await client.command(CAMERA, 'stop', 'rs-stop')).toMatchObject({ accepted: true, state: 'SavingImages' });
    await controller?.kill();
    // Let the step's deadline pass while no controller runs.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const from = client.states.length;
    await start();
    const idle = await waitFor('camera Idle after restart', () => client.states.slice(from).find((s) => s.state.state === 'Idle'), { timeoutMs: 5000 });
    expect(idle.state).toMatchObject({ reason: 'step completed after controller restart', step: null });
    expect((await client.snapshot()).devices).toContainEqual(expect.objectContaining({ deviceId: CAMERA, state: 'Idle' }));
  });

  it('restart - a retried requestId gets the original reply after a controller restart and runs once', async () => {
    const first = await client.command(CAMERA, 'start', 'rs-retry');
    expect(first).toEqual({ requestId: 'rs-retry', accepted: true, outcome: 'accepted', state: 'Exposing' });
    expect((await controller?.stop())?.code).toBe(0);
    await start();
    expect(await client.command(CAMERA, 'start', 'rs-retry')).toEqual(first);
    const commandEvents = await waitFor('the command event in history', async () => {
      const events = await client.events({ deviceId: CAMERA, limit: 1000 });
      const found = events.filter((e) => e.type === 'command' && e.requestId === 'rs-retry');
      return found.length > 0 ? found : undefined;
    });
    expect(commandEvents).toHaveLength(1);
    expect(commandEvents[0]).toMatchObject({ accepted: true, user: 'alice' });
    expect(stateOf()).toBe('Exposing');
  });

  it('restart - a camera that started exposing while the controller was down becomes Exposing, with an event that says why', async () => {
    expect(await client.command(CAMERA, 'abort', 'rs-abort')).toMatchObject({ accepted: true, state: 'Aborting' });
    await waitFor('camera Idle after aborting', () => stateOf() === 'Idle', { timeoutMs: 5000 });
    expect((await controller?.stop())?.code).toBe(0);
    // Someone drives the hardware while no controller runs.
    const reply = await client.request(subjects.deviceCommand(CAMERA), { requestId: 'direct-1', command: 'start_exposure', args: [] });
    expect(reply).toMatchObject({ ok: true });
    await start();
    const reason = 'reconciled after controller restart: hardware reports exposing';
    await waitFor('camera Exposing after reconciliation', () => client.latest(CAMERA)?.state === 'Exposing', { timeoutMs: 5000 });
    expect(client.latest(CAMERA)).toMatchObject({ state: 'Exposing', reason });
    const transition = await waitFor('the reconciliation event', async () =>
      (await client.events({ deviceId: CAMERA, limit: 5 })).find((e) => e.type === 'transition' && e.reason === reason),
    );
    expect(transition).toMatchObject({ from: 'Idle', to: 'Exposing' });
  });
});
