import { startApp, startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { FleetProbe, simPorts } from './support/fleet-probe';

const DEVICES = [
  ['camera-1', 'camera'],
  ['camera-2', 'camera'],
  ['stage-1', 'stage'],
  ['sensor-1', 'sensor'],
] as const;

/** Dense mode: one agent process hosting several devices, each with its own link and failures. */
describe('device-agent - dense mode with a start-up fault', () => {
  let broker: TestBroker;
  let probe: FleetProbe;
  let sim: AppProcess;
  let agent: AppProcess;
  let startedAt = 0;

  beforeAll(async () => {
    broker = await startTestBroker();
    probe = await FleetProbe.connect(broker);
    // camera-2 refuses connections from start-up, set by flag.
    sim = await startApp('sim', ['--cameras', '2', '--stages', '1', '--sensors', '1', '--base-port', '0', ...broker.appArgs('sim'), '--fault', 'camera-2=refuse']);
    const ports = simPorts(sim);
    const devices = DEVICES.map(([id, kind]) => `${id}=${kind}@${ports.get(id)}`).join(',');
    startedAt = Date.now();
    agent = await startApp('agent', ['--devices', devices, ...broker.appArgs('agent-dense'), '--backoff-cap-ms', '1000']);
  }, 60_000);

  afterAll(async () => {
    await agent?.service.kill();
    await sim?.service.kill();
    await probe?.close();
    await broker?.stop();
  });

  it('start-up - every device publishes its first status within 1 s, after a birth', async () => {
    await waitFor('a status from every device', () => DEVICES.every(([id]) => probe.of(id).length > 0), { timeoutMs: 3000 });
    for (const [id] of DEVICES) expect((probe.of(id)[0]?.ts ?? Infinity) - startedAt).toBeLessThan(1000);
    const births = [...new Set(probe.presence.filter((p) => p.type === 'birth').map((p) => p.deviceId))].sort();
    expect(births).toEqual(DEVICES.map(([id]) => id).sort());
  });

  it('start-up - the first status already tells the truth about the link, never "connecting"', () => {
    const first = (id: string) => probe.of(id)[0];
    expect(first('camera-2')).toMatchObject({ link: 'down', linkReason: 'refused' });
    for (const id of ['camera-1', 'stage-1', 'sensor-1']) expect([id, first(id)?.link]).toEqual([id, 'up']);
  });

  it('isolation - the refused device is down with its reason while the others are up', async () => {
    await waitFor('the healthy devices up', () => ['camera-1', 'stage-1', 'sensor-1'].every((id) => probe.last(id)?.link === 'up'), { timeoutMs: 3000 });
    const window = await probe.window('camera-2', 1000);
    expect(window.length).toBeGreaterThanOrEqual(7);
    expect(window.every((s) => s.link === 'down' && s.linkReason === 'refused')).toBe(true);
    const sensor = await probe.next('sensor-1', (s) => s.hwState === 'ok');
    expect(sensor.readings.temperature).toEqual(expect.any(Number));
  });

  it('isolation - a hang on one device leaves the others reading; clear brings camera-2 up', async () => {
    await probe.fault('camera-1', { fault: 'hang' });
    await probe.fault('camera-2', { fault: 'clear' });
    await probe.next('camera-1', (s) => s.linkReason === 'timeout', 3000);
    await probe.next('camera-2', (s) => s.link === 'up' && s.hwState === 'idle', 5000);
    const stage = await probe.window('stage-1', 1000);
    expect(stage.length).toBeGreaterThanOrEqual(7);
    expect(stage.every((s) => s.link === 'up')).toBe(true);
    expect(await probe.command('stage-1', { requestId: 'd-1', command: 'home' })).toMatchObject({ ok: true });
    await probe.fault('camera-1', { fault: 'clear' });
  });

  it('shutdown - SIGTERM says goodbye for every device and exits 0 within 1 s', async () => {
    const started = Date.now();
    expect(await agent.service.stop()).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    await waitFor('every goodbye', () => DEVICES.every(([id]) => probe.presence.some((p) => p.type === 'goodbye' && p.deviceId === id)), { timeoutMs: 1000 });
  });
});
