import net from 'node:net';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SimFaultReplySchema, subjects } from '@fleet/contracts';
import { startApp, startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';

/** Sends one line on a fresh connection; resolves with the reply line, or an error text. */
function ask(port: number, line: string, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let buffer = '';
    const done = (result: string): void => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => done('timeout'));
    socket.setEncoding('latin1');
    socket.on('connect', () => socket.write(`${line}\n`));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) done(buffer.slice(0, end));
    });
    socket.on('error', (err: NodeJS.ErrnoException) => done(err.code ?? 'error'));
  });
}

describe('device-sim - 1,000 devices and fault control in one process', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let sim: AppProcess;
  const ports = new Map<string, number>();

  const fault = async (deviceId: string, body: unknown) => {
    const msg = await nc.request(subjects.simFault(deviceId), JSON.stringify(body), { timeout: 2000 });
    return SimFaultReplySchema.parse(msg.json());
  };

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    sim = await startApp('sim', ['--cameras', '400', '--stages', '300', '--sensors', '300', '--base-port', '0', ...broker.appArgs('sim')], {
      env: { FLEET_LOG_LEVEL: 'info' },
    });
    for (const entry of sim.logs) {
      if (entry.msg === 'serving device' && typeof entry.deviceId === 'string' && typeof entry.port === 'number') {
        ports.set(entry.deviceId, entry.port);
      }
    }
    await waitFor('fault control', () => fault('camera-1', { fault: 'query' }).then((r) => r.ok), { timeoutMs: 5000 });
  }, 60_000);

  afterAll(async () => {
    await sim?.service.stop();
    await nc?.close();
    await broker?.stop();
  });

  it('scale - serves 1,000 devices, every one answering get_state at once', async () => {
    expect(ports.size).toBe(1000);
    const replies = await Promise.all([...ports].map(async ([id, port]) => [id, await ask(port, 'get_state')] as const));
    const valid: Record<string, readonly string[]> = { camera: ['idle'], stage: ['unhomed'], sensor: ['ok'] };
    const bad = replies.filter(([id, reply]) => !valid[id.split('-')[0] ?? '']?.includes(reply));
    expect(bad).toEqual([]);
  }, 30_000);

  it('faults - refuse, hang, slow, garbage, device, drop and clear act on one device only', async () => {
    const port = ports.get('sensor-300') ?? 0;
    expect(await fault('sensor-300', { fault: 'refuse' })).toMatchObject({ ok: true, faults: { refuse: true } });
    expect(await ask(port, 'get_state')).toBe('ECONNREFUSED');
    expect(await ask(ports.get('sensor-299') ?? 0, 'get_state')).toBe('ok');
    await fault('sensor-300', { fault: 'clear' });
    await fault('sensor-300', { fault: 'hang' });
    expect(await ask(port, 'get_state', 500)).toBe('timeout');
    await fault('sensor-300', { fault: 'clear' });
    await fault('sensor-300', { fault: 'slow', latencyMs: 300 });
    const started = Date.now();
    expect(await ask(port, 'get_state')).toBe('ok');
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    await fault('sensor-300', { fault: 'clear' });
    await fault('sensor-300', { fault: 'garbage' });
    expect(await ask(port, 'get_state')).toMatch(/garbage/);
    await fault('sensor-300', { fault: 'clear' });
    await fault('sensor-300', { fault: 'device' });
    expect(await ask(port, 'get_state')).toBe('fault');
    const reply = await fault('sensor-300', { fault: 'clear' });
    expect(reply).toMatchObject({ ok: true, faults: { refuse: false, hang: false, latencyMs: 0, garbage: false, device: false } });
    expect(await ask(port, 'get_state')).toBe('ok');
  });

  it('faults - drop closes open connections; bad requests get a clear error and the simulator keeps running', async () => {
    const socket = net.connect(ports.get('camera-7') ?? 0, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    const closed = new Promise((r) => socket.once('close', r));
    await fault('camera-7', { fault: 'drop' });
    await closed;
    expect(await fault('camera-7', { fault: 'explode' })).toMatchObject({ ok: false, error: expect.stringContaining('invalid fault request') });
    expect(await fault('no-such-device', { fault: 'drop' })).toEqual({ ok: false, error: 'no simulated device "no-such-device"' });
    const raw = await nc.request(subjects.simFault('camera-7'), 'not json', { timeout: 2000 });
    expect(SimFaultReplySchema.parse(raw.json())).toMatchObject({ ok: false });
    expect(sim.service.running()).toBe(true);
  });
});
