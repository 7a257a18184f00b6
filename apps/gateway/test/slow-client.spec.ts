import { connect, type NatsConnection } from '@nats-io/transport-node';
import { subjects, type DeviceBatch, type DeviceStatus } from '@fleet/contracts';
import { startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { io } from 'socket.io-client';
import { startFakeController, testState, testStatus } from './fake-controller';
import { OPERATOR, firstSnapshot, openSocket, startGateway, type ClientSocket } from './gateway-harness';
import { startPausableProxy, type PausableProxy } from './pausable-proxy';

jest.setTimeout(60_000);

/** Enough traffic (about 3 MB/s per client) to fill a stalled client's socket buffers in seconds. */
const DEVICES = Array.from({ length: 200 }, (_, i) => `stage-${i + 1}`);
const EXTRA_READINGS = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`extra_reading_${i}`, i + 0.123456]));
const PAUSE_MS = 6000;

function bigStatus(deviceId: string, seq: number): DeviceStatus {
  const status = testStatus(deviceId, 'stage', seq);
  return { ...status, readings: { ...status.readings, ...EXTRA_READINGS } };
}

interface Recorder {
  batches: Array<{ at: number; size: number }>;
  latestSeq: Map<string, number>;
}

function record(socket: ClientSocket): Recorder {
  const recorder: Recorder = { batches: [], latestSeq: new Map() };
  socket.on('devices', (batch: DeviceBatch) => {
    recorder.batches.push({ at: Date.now(), size: batch.statuses.length });
    for (const s of batch.statuses) recorder.latestSeq.set(s.deviceId, s.seq);
  });
  return recorder;
}

describe('gateway - a slow or stalled client', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let gateway: AppProcess;
  let port: number;
  let proxy: PausableProxy;
  let publisher: NodeJS.Timeout | undefined;
  let seq = 0;
  const sockets: ClientSocket[] = [];

  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`${name} `));
    return line === undefined ? Number.NaN : Number(line.split(' ').at(-1));
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    startFakeController(nc, DEVICES.map((id) => testState(id, 'stage', 'Ready')));
    ({ app: gateway, port } = await startGateway(broker));
    proxy = await startPausableProxy(port);
    publisher = setInterval(() => {
      seq += 1;
      for (const id of DEVICES) nc.publish(subjects.deviceStatus(id), JSON.stringify(bigStatus(id, seq)));
    }, 100);
  }, 90_000);

  afterAll(async () => {
    clearInterval(publisher);
    for (const socket of sockets) socket.disconnect();
    await proxy?.close();
    await gateway?.service.kill();
    await nc?.drain();
    await broker?.stop();
  });

  it('gets fewer, larger batches, never delays the others, and its memory on the gateway stays bounded', async () => {
    const slow: ClientSocket = io(`http://127.0.0.1:${proxy.port}`, { transports: ['websocket'], reconnection: false, auth: { token: OPERATOR.token } });
    const fast = openSocket(port, OPERATOR.token);
    sockets.push(slow, fast);
    await Promise.all([firstSnapshot(slow), firstSnapshot(fast)]);
    const slowRec = record(slow);
    const fastRec = record(fast);
    await waitFor('both clients receive batches', () => slowRec.batches.length > 3 && fastRec.batches.length > 3);
    const rssBefore = await metric('process_resident_memory_bytes');
    const deferredBefore = await metric('fleet_gateway_flushes_deferred_total');

    proxy.pause();
    const pausedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    // The last seconds of the pause: by then the stalled client's buffers are full.
    const windowStart = pausedAt + PAUSE_MS / 2;
    const fastWindow = fastRec.batches.filter((b) => b.at >= windowStart);
    const fastRate = fastWindow.length / ((Date.now() - windowStart) / 1000);
    const statusesPerDevice = fastWindow.reduce((n, b) => n + b.size, 0) / DEVICES.length / ((Date.now() - windowStart) / 1000);
    const deferred = (await metric('fleet_gateway_flushes_deferred_total')) - deferredBefore;
    const pendingMax = await metric('fleet_gateway_client_pending_max');
    const rssAfter = await metric('process_resident_memory_bytes');
    const slowDuringPause = slowRec.batches.filter((b) => b.at >= windowStart).length;

    proxy.resume();
    const resumedAt = Date.now();
    await waitFor('the slow client catches up with the latest status', () => (slowRec.latestSeq.get(DEVICES[0] ?? '') ?? 0) >= seq - 2, { timeoutMs: 15_000 });
    const catchUpMs = Date.now() - resumedAt;
    const slowAfter = slowRec.batches.filter((b) => b.at >= resumedAt);
    const largest = Math.max(...slowAfter.map((b) => b.size));

    console.log(
      `fast client during the stall: ${fastRate.toFixed(1)} batches/s, ${statusesPerDevice.toFixed(1)} statuses/s per device; ` +
        `stalled client: ${slowDuringPause} batches in the same window; ${deferred} deferred flushes; pending max ${pendingMax}; ` +
        `gateway RSS ${(rssBefore / 1e6).toFixed(0)} -> ${(rssAfter / 1e6).toFixed(0)} MB; caught up ${catchUpMs} ms after resume, largest batch ${largest} statuses`,
    );
    // Statuses arrive in 10 Hz waves, so a client keeping up gets one batch per wave (<= 20/s).
    expect(fastRate).toBeGreaterThan(8);
    expect(fastRate).toBeLessThanOrEqual(21);
    expect(statusesPerDevice).toBeGreaterThan(8);
    expect(slowDuringPause).toBeLessThan(fastWindow.length / 2);
    expect(deferred).toBeGreaterThan(10);
    expect(pendingMax).toBeLessThanOrEqual(2 * DEVICES.length + 500);
    expect(rssAfter - rssBefore).toBeLessThan(100e6);
    expect(largest).toBe(DEVICES.length);
    expect(slow.connected).toBe(true);
  });
});
