import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DeviceStateSchema, subjects, type DeviceState } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { FakeCameraAgent } from './fake-camera-agent';

jest.setTimeout(60_000);

const CAMERA = 'cam-broker-1';

describe('controller - broker restart', () => {
  let broker: TestBroker;
  let controller: ControllerProcess;
  let nc: NatsConnection;
  let agent: FakeCameraAgent;
  const states: DeviceState[] = [];

  beforeAll(async () => {
    broker = await startTestBroker();
    controller = await startController(['--nats-url', broker.url]);
    nc = await connect({ servers: broker.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
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
    const exit = await controller?.stop();
    await nc?.close();
    await broker?.stop();
    expect(exit?.code).toBe(0);
  });

  it('broker restart - the controller reconnects by itself, status resumes and commands work', async () => {
    agent.birth();
    agent.startStatus();
    await waitFor('camera Idle', () => states.at(-1)?.state === 'Idle', { timeoutMs: 5000 });
    await broker.restart();
    const restartedAt = Date.now();
    const reply = await waitFor(
      'command accepted after broker restart',
      async () => {
        try {
          const msg = await nc.request(subjects.controlCommand, JSON.stringify({ deviceId: CAMERA, command: 'start', requestId: 'after-restart' }), { timeout: 500 });
          const body: unknown = msg.json();
          return body;
        } catch {
          return undefined;
        }
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    console.log(`controller answered ${Date.now() - restartedAt} ms after the broker restart`);
    expect(reply).toEqual({ requestId: 'after-restart', accepted: true, state: 'Exposing' });
  });
});
