import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DeviceCommandOutcomeSchema,
  DeviceCommandReplySchema,
  DeviceStatusSchema,
  PresenceSchema,
  subjects,
  type DeviceStatus,
  type Presence,
} from '@fleet/contracts';
import { startApp, startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { FakeCamera } from './support/fake-camera';

const DEVICE_ID = 'cam-it';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('device-agent with a real broker and a camera over TCP', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let agent: AppProcess;
  let camera: FakeCamera;
  let cameraPort: number;
  const statuses: DeviceStatus[] = [];
  const presence: Presence[] = [];
  let invalidMessages = 0;

  beforeAll(async () => {
    broker = await startTestBroker({ devices: [DEVICE_ID] });
    // Back well before the agent after a broker restart (it waits 250 ms, plus up to 100 ms jitter, between attempts),
    // so that the birth it publishes on reconnecting is heard: a birth is sent once, not kept.
    nc = await connect({ ...broker.connectionOptions(), maxReconnectAttempts: -1, reconnectTimeWait: 10, reconnectJitter: 0 });
    nc.subscribe(subjects.deviceStatus(DEVICE_ID), {
      callback: (_err, msg) => {
        const parsed = DeviceStatusSchema.safeParse(msg.json());
        if (parsed.success) statuses.push(parsed.data);
        else invalidMessages++;
      },
    });
    nc.subscribe(subjects.devicePresence(DEVICE_ID), {
      callback: (_err, msg) => {
        const parsed = PresenceSchema.safeParse(msg.json());
        if (parsed.success) presence.push(parsed.data);
        else invalidMessages++;
      },
    });
    await nc.flush();
    camera = new FakeCamera();
    cameraPort = await camera.listen();
    agent = await startApp(
      'agent',
      ['--device-id', DEVICE_ID, '--kind', 'camera', '--device-port', String(cameraPort), ...broker.appArgs(`agent-${DEVICE_ID}`)],
      { env: { FLEET_LOG_LEVEL: 'info' } },
    );
  }, 60_000);

  afterAll(async () => {
    await agent?.service.kill();
    await nc?.close();
    await camera?.close();
    await broker?.stop();
  });

  const command = async (body: unknown) => {
    const msg = await nc.request(subjects.deviceCommand(DEVICE_ID), JSON.stringify(body), { timeout: 2000 });
    return DeviceCommandReplySchema.parse(msg.json());
  };

  it('status - arrives at about 10 Hz with seq +1 each, link up, after a birth', async () => {
    await waitFor('link up', () => statuses.some((s) => s.link === 'up'), { timeoutMs: 3000 });
    const from = statuses.length;
    await sleep(1000);
    const window = statuses.slice(from);
    expect(window.length).toBeGreaterThanOrEqual(8);
    expect(window.length).toBeLessThanOrEqual(12);
    const firstSeq = window[0]?.seq ?? 0;
    expect(window.map((s) => s.seq)).toEqual(window.map((_s, i) => firstSeq + i));
    expect(window.every((s) => s.link === 'up' && s.hwState === 'idle' && s.readings.exposingTime === null)).toBe(true);
    expect(presence[0]).toMatchObject({ type: 'birth', kind: 'camera', statusHz: 10, version: '0.1.0', pid: agent.service.pid() });
    expect(invalidMessages).toBe(0);
  });

  it('command - start_exposure returns ok, later statuses show exposing with a growing exposingTime', async () => {
    const reply = await command({ requestId: 'it-1', command: 'start_exposure' });
    expect(reply).toMatchObject({ ok: true, reply: 'ok' });
    const after = (n: number) => statuses.filter((s) => s.seq > reply.seq && s.hwState === 'exposing').slice(0, n);
    const [first, , third] = await waitFor('3 exposing statuses', () => after(3).length === 3 && after(3), { timeoutMs: 2000 });
    expect(first?.readings.exposingTime).toEqual(expect.any(Number));
    expect(third?.readings.exposingTime ?? 0).toBeGreaterThan(first?.readings.exposingTime ?? Infinity);
    expect(camera.quirks).toBe(0);
  });

  it('command - an invalid request gets ok:false with an error, and the agent keeps running', async () => {
    expect(await command({ requestId: 'it-2', command: 'get_exposing_time' })).toMatchObject({ ok: false, error: expect.stringContaining('unknown command') });
    expect(await command({ nonsense: true })).toMatchObject({ ok: false, error: expect.stringContaining('invalid request') });
    const msg = await nc.request(subjects.deviceCommand(DEVICE_ID), 'not json', { timeout: 2000 });
    expect(DeviceCommandReplySchema.parse(msg.json())).toMatchObject({ ok: false });
    expect(camera.quirks).toBe(0);
    expect(agent.service.running()).toBe(true);
  });

  it('command - a resend of the same requestId gets the first reply without running again, and a query says whether it ran', async () => {
    const before = camera.commands.get('stop_exposure') ?? 0;
    const query = async (requestId: string) =>
      DeviceCommandOutcomeSchema.parse((await nc.request(subjects.deviceCommand(DEVICE_ID), JSON.stringify({ requestId, query: 'outcome' }), { timeout: 2000 })).json());
    const [first, resent] = await Promise.all([
      command({ requestId: 'it-once', command: 'stop_exposure' }),
      command({ requestId: 'it-once', command: 'stop_exposure' }),
    ]);
    expect(first).toMatchObject({ ok: true });
    expect(resent).toEqual(first);
    expect(await command({ requestId: 'it-once', command: 'stop_exposure' })).toEqual(first);
    expect(camera.commands.get('stop_exposure')).toBe(before + 1);
    expect(await query('it-once')).toEqual({ requestId: 'it-once', status: 'done', reply: first });
    // Never received: said so, and refused should it arrive late; the camera never sees it.
    expect(await query('it-lost')).toMatchObject({ status: 'not-received', memoryFrom: expect.any(Number) });
    expect(await command({ requestId: 'it-lost', command: 'stop_exposure' })).toMatchObject({ ok: false, error: expect.stringContaining('withdrawn') });
    expect(camera.commands.get('stop_exposure')).toBe(before + 1);
  });

  it('link - goes down with a reason when the device port closes, status keeps flowing, then recovers', async () => {
    await camera.close();
    const down = await waitFor('link down', () => statuses.find((s) => s.link === 'down' && s.seq > 1), { timeoutMs: 2000 });
    expect(down.linkReason).toMatch(/^(closed by device|reset|refused)$/);
    expect(down.hwState).toBeNull();
    const from = statuses.length;
    await sleep(500);
    const window = statuses.slice(from);
    expect(window.length).toBeGreaterThanOrEqual(4);
    expect(window.every((s) => s.link === 'down' && s.readings.exposingTime === null)).toBe(true);

    camera = new FakeCamera();
    await camera.listen(cameraPort);
    const up = await waitFor('link up again', () => statuses.find((s) => s.seq > down.seq && s.link === 'up'), { timeoutMs: 8000 });
    expect(up.counters.reconnects).toBeGreaterThan(0);
  }, 15_000);

  it('presence - births again after a broker restart and statuses resume', async () => {
    const births = () => presence.filter((p) => p.type === 'birth').length;
    const before = births();
    await broker.restart();
    await waitFor('second birth', () => births() > before, { timeoutMs: 5000 });
    const seq = statuses.at(-1)?.seq ?? 0;
    await waitFor('status resumes', () => statuses.some((s) => s.seq > seq), { timeoutMs: 3000 });
  }, 15_000);

  it('shutdown - SIGTERM says goodbye and exits 0 within 1 s', async () => {
    const started = Date.now();
    expect(await agent.service.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    await waitFor('goodbye', () => presence.some((p) => p.type === 'goodbye'), { timeoutMs: 1000 });
  });
});

describe('device-agent on a broker that asks for nothing', () => {
  it('anonymous - without credentials the agent connects as before and its status arrives', async () => {
    const open = await startTestBroker({ auth: false });
    const camera = new FakeCamera();
    let agent: AppProcess | undefined;
    let nc: NatsConnection | undefined;
    try {
      nc = await connect({ servers: open.url });
      const first = nc.subscribe(subjects.deviceStatus(DEVICE_ID), { max: 1 });
      await nc.flush();
      agent = await startApp('agent', ['--device-id', DEVICE_ID, '--kind', 'camera', '--device-port', String(await camera.listen()), '--nats-url', open.url]);
      for await (const msg of first) expect(DeviceStatusSchema.parse(msg.json())).toMatchObject({ deviceId: DEVICE_ID, link: 'up' });
    } finally {
      await agent?.service.kill();
      await nc?.close();
      await camera.close();
      await open.stop();
    }
  }, 30_000);
});
