import { Kvm } from '@nats-io/kv';
import { connect, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { DeviceStateSchema, STATE_BUCKET, subjects, type DeviceState } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { FakeCameraAgent } from './fake-camera-agent';

jest.setTimeout(60_000);

const CAMERA = 'cam-it-1';

describe('controller - camera lifecycle over a real broker', () => {
  let broker: TestBroker;
  let controller: ControllerProcess;
  let nc: NatsConnection;
  let agent: FakeCameraAgent;
  let stateSub: Subscription;
  const states: Array<{ at: number; state: DeviceState }> = [];

  const request = async (subject: string, body: unknown): Promise<unknown> =>
    (await nc.request(subject, typeof body === 'string' ? body : JSON.stringify(body), { timeout: 5000 })).json();
  const command = (cmd: string, requestId: string, deviceId = CAMERA) => request(subjects.controlCommand, { deviceId, command: cmd, requestId, user: 'test' });
  const latestState = () => states.at(-1)?.state.state;

  beforeAll(async () => {
    broker = await startTestBroker();
    controller = await startController([...broker.appArgs('controller'), '--step-ms', '300']);
    nc = await connect(broker.connectionOptions());
    stateSub = nc.subscribe(subjects.controlState(CAMERA), {
      callback: (err, msg) => {
        if (!err) states.push({ at: Date.now(), state: DeviceStateSchema.parse(msg.json()) });
      },
    });
    agent = new FakeCameraAgent(nc, CAMERA);
    agent.answerCommands();
    await nc.flush();
  });

  afterAll(async () => {
    agent?.stop();
    stateSub?.unsubscribe();
    const exit = await controller?.stop();
    await nc?.close();
    await broker?.stop();
    expect(exit).toEqual(expect.objectContaining({ code: 0 }));
    expect(exit?.ms).toBeLessThan(1000);
  });

  it('camera - goes from Offline to Idle when status arrives', async () => {
    agent.birth();
    agent.startStatus();
    await waitFor('camera Idle', () => latestState() === 'Idle', { timeoutMs: 5000 });
    expect(states.map((s) => s.state.state)).toEqual(['Offline', 'Idle']);
  });

  it('commands - start is accepted and the camera is Exposing', async () => {
    const reply = await command('start', 'req-start-1');
    expect(reply).toEqual({ requestId: 'req-start-1', accepted: true, outcome: 'accepted', state: 'Exposing' });
  });

  it('commands - a retried requestId returns the first reply and runs the hardware once', async () => {
    const reply = await command('start', 'req-start-1');
    expect(reply).toEqual({ requestId: 'req-start-1', accepted: true, outcome: 'accepted', state: 'Exposing' });
    expect(agent.commands.filter((c) => c.requestId === 'req-start-1')).toHaveLength(1);
  });

  it('commands - stop goes through SavingImages to Idle after the step; start is refused meanwhile', async () => {
    expect(await command('stop', 'req-stop-1')).toEqual({ requestId: 'req-stop-1', accepted: true, outcome: 'accepted', state: 'SavingImages' });
    expect(await command('start', 'req-start-2')).toEqual({
      requestId: 'req-start-2',
      accepted: false,
      outcome: 'refused',
      reason: 'camera is SavingImages; start is allowed in Idle',
      state: 'SavingImages',
    });
    const idle = await waitFor('camera Idle after the step', () => states.find((s) => s.state.state === 'Idle' && s.state.reason === 'step saveImages completed'), {
      timeoutMs: 3000,
    });
    const saving = states.find((s) => s.state.state === 'SavingImages');
    expect(saving?.state.step).toEqual(expect.objectContaining({ name: 'saveImages' }));
    expect(idle.at - (saving?.at ?? 0)).toBeGreaterThanOrEqual(250);
    expect(agent.commands.map((c) => c.command)).toEqual(['start_exposure', 'stop_exposure']);
  });

  it('commands - an invalid request gets a readable error; an unknown device is refused', async () => {
    const invalid = await request(subjects.controlCommand, { deviceId: 'bad id!', command: 'start' });
    expect(invalid).toEqual({ error: expect.stringMatching(/deviceId.*requestId|requestId.*deviceId/s) });
    expect(await request(subjects.controlCommand, 'not json')).toEqual({ error: expect.any(String) });
    expect(await command('start', 'req-unknown', 'nobody')).toEqual({
      requestId: 'req-unknown',
      accepted: false,
      outcome: 'refused',
      reason: 'unknown device nobody',
      state: 'Unknown',
    });
  });

  it('devices - invalid status is dropped and the controller keeps serving', async () => {
    nc.publish(subjects.deviceStatus(CAMERA), 'garbage');
    nc.publish(subjects.deviceStatus('other'), JSON.stringify({ deviceId: CAMERA }));
    const snapshot = await request(subjects.controlSnapshot, {});
    expect(snapshot).toEqual({ devices: [expect.objectContaining({ deviceId: CAMERA, kind: 'camera', state: 'Idle', statusHz: 10 })], alarms: [], outOfService: [] });
    const droppedStatuses = () =>
      controller.logs.filter((l) => l.msg === 'invalid message dropped' && String(l.subject).endsWith('.status'));
    await waitFor('both invalid statuses logged', () => droppedStatuses().length >= 2);
    expect(droppedStatuses().map((l) => l.subject).sort()).toEqual([subjects.deviceStatus(CAMERA), subjects.deviceStatus('other')]);
  });

  it('state-store - the KV bucket holds the current state', async () => {
    const kv = await new Kvm(nc).open(STATE_BUCKET);
    const entry = await waitFor('kv entry Idle', async () => {
      const e = await kv.get(CAMERA);
      const stored = e ? DeviceStateSchema.parse(e.json()) : undefined;
      return stored?.state === 'Idle' ? stored : undefined;
    });
    expect(entry).toEqual(expect.objectContaining({ deviceId: CAMERA, kind: 'camera', step: null }));
  });

  it('devices - a silent camera is Offline within 500 ms', async () => {
    agent.stopStatus();
    const lastStatusAt = agent.lastStatusAt;
    const offline = await waitFor('camera Offline', () => states.find((s) => s.at >= lastStatusAt && s.state.state === 'Offline'), { timeoutMs: 3000 });
    const measured = offline.at - lastStatusAt;
    console.log(`offline detected ${measured} ms after the last status`);
    expect(measured).toBeLessThan(700);
  });

  it('commands - a device with no agent listening is refused "agent unreachable": nothing was delivered', async () => {
    agent.startStatus();
    await waitFor('camera Idle again', () => latestState() === 'Idle', { timeoutMs: 3000 });
    agent.stop();
    agent.startStatus();
    const started = Date.now();
    expect(await command('start', 'req-unreachable')).toEqual({
      requestId: 'req-unreachable',
      accepted: false,
      outcome: 'refused',
      reason: 'agent unreachable: no agent is listening for this device; nothing was sent',
      state: 'Idle',
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
