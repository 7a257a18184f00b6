import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DeviceStateSchema, subjects, type DeviceState } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { FakeCameraAgent } from './fake-camera-agent';

jest.setTimeout(60_000);

const CAMERA = 'cam-restart-1';

describe('controller - restart restores state from KV', () => {
  let broker: TestBroker;
  let controller: ControllerProcess | undefined;
  let nc: NatsConnection;
  let agent: FakeCameraAgent;
  const states: DeviceState[] = [];

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect({ servers: broker.url });
    nc.subscribe(subjects.controlState(CAMERA), {
      callback: (err, msg) => {
        if (!err) states.push(DeviceStateSchema.parse(msg.json()));
      },
    });
    agent = new FakeCameraAgent(nc, CAMERA);
    agent.answerCommands();
  });

  afterAll(async () => {
    agent?.stop();
    await controller?.stop();
    await nc?.close();
    await broker?.stop();
  });

  it('restart - a step whose deadline passed during the outage completes with a reason', async () => {
    controller = await startController(['--nats-url', broker.url, '--step-ms', '800']);
    agent.birth();
    agent.startStatus();
    await waitFor('camera Idle', () => states.at(-1)?.state === 'Idle', { timeoutMs: 5000 });
    const send = async (command: string, requestId: string) =>
      (await nc.request(subjects.controlCommand, JSON.stringify({ deviceId: CAMERA, command, requestId }), { timeout: 5000 })).json();
    expect(await send('start', 'r-1')).toEqual(expect.objectContaining({ accepted: true, state: 'Exposing' }));
    expect(await send('stop', 'r-2')).toEqual(expect.objectContaining({ accepted: true, state: 'SavingImages' }));

    expect((await controller.stop()).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    states.length = 0;

    controller = await startController(['--nats-url', broker.url, '--step-ms', '800']);
    const restored = await waitFor('restored step completed', () => states.find((s) => s.state === 'Idle'), { timeoutMs: 3000 });
    expect(restored).toEqual(expect.objectContaining({ reason: 'step completed after controller restart', step: null }));
    expect(controller.logs).toContainEqual(expect.objectContaining({ msg: 'device states restored', devices: 1 }));
  });
});
