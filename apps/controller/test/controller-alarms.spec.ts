import { DeviceStatusSchema, subjects, type Alarm } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { FakeCameraAgent } from './fake-camera-agent';
import { startRealDevices, type RealDevices } from './real-devices';
import { TestClient } from './test-client';

jest.setTimeout(60_000);

const CAMERA = 'camera-1';

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};
const STAGE = 'stage-1';

describe('controller - offline, alarms, events and HTTP with real simulators and agents', () => {
  let broker: TestBroker;
  let controller: ControllerProcess;
  let devices: RealDevices;
  let client: TestClient;
  let lastCameraStatusAt = 0;
  let offlineAlarm: Alarm | undefined;

  beforeAll(async () => {
    broker = await startTestBroker({ devices: [CAMERA, STAGE] });
    client = await TestClient.connect(broker);
    client.nc.subscribe(subjects.deviceStatus(CAMERA), {
      callback: (err, msg) => {
        // The test itself publishes garbage here later; a throwing callback would close this connection.
        if (!err && DeviceStatusSchema.safeParse(parseJson(msg.string())).success) lastCameraStatusAt = Date.now();
      },
    });
    controller = await startController([...broker.appArgs('controller'), '--slow-window-ms', '1000']);
    devices = await startRealDevices(broker, [CAMERA, STAGE]);
    await waitFor('camera Idle and stage Unhomed', () => client.latest(CAMERA)?.state === 'Idle' && client.latest(STAGE)?.state === 'Unhomed', {
      timeoutMs: 10_000,
    });
  });

  afterAll(async () => {
    await devices?.stop();
    const exit = await controller?.stop();
    await client?.close();
    await broker?.stop();
    expect(exit?.code).toBe(0);
  });

  it('devices - a killed agent makes its camera Offline within 500 ms and raises a critical alarm', async () => {
    const from = client.states.length;
    await devices.agents.get(CAMERA)?.service.kill();
    const offline = await waitFor('camera Offline', () => client.states.slice(from).find((s) => s.state.deviceId === CAMERA && s.state.state === 'Offline'), {
      timeoutMs: 3000,
    });
    const measured = offline.at - lastCameraStatusAt;
    console.log(`offline detected ${measured} ms after the last status`);
    expect(measured).toBeLessThan(700);
    offlineAlarm = await waitFor('offline alarm in the snapshot', async () =>
      (await client.snapshot()).alarms.find((a) => a.deviceId === CAMERA && a.code === 'offline'),
    );
    expect(offlineAlarm).toMatchObject({ severity: 'critical', clearedAt: null, acknowledged: null });
    expect(client.latest(STAGE)?.state).toBe('Unhomed');
  });

  it('devices - a restarted agent brings the camera back, reconciled with the hardware, and the alarm clears', async () => {
    await devices.agents.get(CAMERA)?.service.restart();
    await waitFor('camera Idle again', () => client.latest(CAMERA)?.state === 'Idle', { timeoutMs: 10_000 });
    expect(client.latest(CAMERA)?.reason).toBe('reconciled after Offline: hardware reports idle');
    const alarm = await waitFor('offline alarm cleared', async () =>
      (await client.snapshot()).alarms.find((a) => a.id === offlineAlarm?.id && a.clearedAt !== null),
    );
    expect(alarm.acknowledged).toBeNull();
  });

  it('alarms - an operator acknowledges an alarm; who and when are recorded and it leaves the snapshot', async () => {
    const ack = { alarmId: offlineAlarm?.id, requestId: 'ack-1', user: 'alice' };
    const reply = await client.request(subjects.alarmAck, ack);
    expect(reply).toMatchObject({ accepted: true, alarm: { id: offlineAlarm?.id, acknowledged: { by: 'alice', at: expect.any(Number) } } });
    expect(await client.request(subjects.alarmAck, ack)).toEqual(reply);
    expect(await client.request(subjects.alarmAck, { ...ack, requestId: 'ack-2' })).toMatchObject({ accepted: false, reason: expect.stringContaining('unknown alarm') });
    expect((await client.snapshot()).alarms.find((a) => a.id === offlineAlarm?.id)).toBeUndefined();
    expect(await client.request(subjects.alarmAck, { alarmId: '' })).toEqual({ error: expect.stringContaining('requestId') });
  });

  it('alarms - a device publishing under half its announced rate raises a slow warning, cleared when it recovers', async () => {
    const slow = new FakeCameraAgent(client.nc, 'cam-slow', 10, 4);
    slow.birth();
    slow.startStatus();
    try {
      const alarm = await waitFor('slow alarm', async () => (await client.snapshot()).alarms.find((a) => a.deviceId === 'cam-slow' && a.code === 'slow'), {
        timeoutMs: 8000,
        intervalMs: 200,
      });
      expect(alarm).toMatchObject({ severity: 'warning', clearedAt: null, message: expect.stringContaining('announced 10 Hz') });
      slow.stop();
      const fast = new FakeCameraAgent(client.nc, 'cam-slow', 10, 10);
      fast.startStatus();
      try {
        await waitFor('slow alarm cleared', async () => (await client.snapshot()).alarms.find((a) => a.id === alarm.id && a.clearedAt !== null), {
          timeoutMs: 8000,
          intervalMs: 200,
        });
      } finally {
        fast.stop();
      }
    } finally {
      slow.stop();
    }
  });

  it('events - the history returns the last N events of one device or of all, oldest first', async () => {
    const camera = await client.events({ deviceId: CAMERA, limit: 3 });
    expect(camera).toHaveLength(3);
    expect(camera.every((e) => e.deviceId === CAMERA)).toBe(true);
    expect(camera.map((e) => e.ts)).toEqual([...camera.map((e) => e.ts)].sort((a, b) => a - b));
    const all = await client.events({ limit: 1000 });
    expect(new Set(all.map((e) => e.deviceId))).toEqual(new Set([CAMERA, STAGE, 'cam-slow']));
    expect(all).toContainEqual(expect.objectContaining({ type: 'alarm', action: 'acknowledged', user: 'alice', deviceId: CAMERA }));
    expect(all).toContainEqual(expect.objectContaining({ type: 'alarm', action: 'raised', alarm: expect.objectContaining({ code: 'offline' }) }));
    expect(all).toContainEqual(expect.objectContaining({ type: 'transition', deviceId: STAGE, to: 'Unhomed' }));
    expect((await client.events({ limit: 1 }))[0]).toEqual(all.at(-1));
    expect(await client.request(subjects.controlEvents, { limit: 5000 })).toEqual({ error: expect.stringContaining('limit') });
  });

  it('http - /healthz is ready and /metrics counts statuses, invalid messages and alarms', async () => {
    client.nc.publish(subjects.deviceStatus(CAMERA), 'garbage');
    expect(await client.command(STAGE, 'move_to', 'http-refused', 'bob')).toMatchObject({
      accepted: false,
      reason: 'stage is Unhomed; move_to is allowed in Ready',
    });
    const health = await fetch(`${controller.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ready', reasons: [] });
    const metrics = await waitFor('invalid status counted', async () => {
      const text = await (await fetch(`${controller.httpUrl}/metrics`)).text();
      return text.includes('fleet_controller_invalid_messages_total{subject="fleet.v1.device.*.status",reason="schema"}') ? text : undefined;
    });
    expect(Number(/^fleet_controller_status_messages_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(10);
    expect(metrics).toMatch(/^fleet_controller_commands_total\{result="refused"\} 1$/m);
    expect(metrics).toMatch(/^fleet_device_link_up\{device="camera-1"\} 1$/m);
    expect(metrics).toContain('fleet_controller_alarms_active{severity="critical"}');
    expect(metrics).toContain('nodejs_eventloop_lag_seconds');
    expect(metrics).toMatch(/^fleet_controller_nats_connected 1$/m);
  });
});
