import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ControlCommandReplySchema,
  subjects,
  type AckResult,
  type ControlCommandReply,
  type DeviceBatch,
  type FleetSnapshot,
} from '@fleet/contracts';
import { startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import type { Socket } from 'socket.io-client';
import { SILENT_DEVICE, startFakeController, testState, testStatus } from './fake-controller';
import { OPERATOR, openSocket, startGateway, type ClientSocket } from './gateway-harness';

const DEVICES = [
  { deviceId: 'cam-1', kind: 'camera' },
  { deviceId: 'stage-1', kind: 'stage' },
] as const;

jest.setTimeout(30_000);

describe('gateway', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let gateway: AppProcess;
  let port: number;
  let publisher: NodeJS.Timeout | undefined;
  let controller: ReturnType<typeof startFakeController>;
  const sockets: ClientSocket[] = [];

  function openClient(): ClientSocket {
    const socket = openSocket(port, OPERATOR.token);
    sockets.push(socket);
    return socket;
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    controller = startFakeController(
      nc,
      DEVICES.map((d) => testState(d.deviceId, d.kind, d.kind === 'camera' ? 'Idle' : 'Ready')),
    );
    await nc.flush();
    ({ app: gateway, port } = await startGateway(broker, ['--command-timeout-ms', '500', '--command-retry-ms', '1200']));
    let seq = 0;
    publisher = setInterval(() => {
      seq += 1;
      for (const d of DEVICES) nc.publish(subjects.deviceStatus(d.deviceId), JSON.stringify(testStatus(d.deviceId, d.kind, seq)));
    }, 100);
  }, 90_000);

  afterAll(async () => {
    clearInterval(publisher);
    for (const socket of sockets) socket.disconnect();
    await gateway?.service.kill();
    await nc?.drain();
    await broker?.stop();
  });

  it('relay - a client gets a snapshot on connect and on request', async () => {
    const socket = openClient();
    const first = await new Promise<FleetSnapshot>((resolve) => socket.once('snapshot', resolve));
    expect(Array.isArray(first.statuses) && Array.isArray(first.states)).toBe(true);
    const full = await waitFor('snapshot with every device', async () => {
      const result: AckResult<FleetSnapshot> = await socket.timeout(2000).emitWithAck('snapshot');
      if (!('data' in result)) return false;
      const ids = (items: Array<{ deviceId: string }>) => items.map((i) => i.deviceId).sort();
      const expected = DEVICES.map((d) => d.deviceId).sort();
      return JSON.stringify(ids(result.data.states)) === JSON.stringify(expected) &&
        JSON.stringify(ids(result.data.statuses)) === JSON.stringify(expected)
        ? result.data
        : false;
    });
    expect(full.states.find((s) => s.deviceId === 'cam-1')?.state).toBe('Idle');
  });

  it('relay - devices batches come at most ~20/s and carry ~10 statuses/s per device', async () => {
    const socket = openClient();
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    const batches: Array<{ at: number; batch: DeviceBatch }> = [];
    socket.on('devices', (batch) => batches.push({ at: Date.now(), batch }));
    const windowMs = 3000;
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    socket.off('devices');

    const seconds = windowMs / 1000;
    expect(batches.length).toBeLessThanOrEqual(20 * seconds + 3);
    expect(batches.length).toBeGreaterThan(5 * seconds);
    for (const { batch } of batches) {
      const ids = batch.statuses.map((s) => s.deviceId);
      expect(new Set(ids).size).toBe(ids.length);
    }
    for (const d of DEVICES) {
      const seqs = batches.flatMap(({ batch }) => batch.statuses.filter((s) => s.deviceId === d.deviceId).map((s) => s.seq));
      expect(seqs.length).toBeGreaterThanOrEqual(8 * seconds);
      expect(seqs.length).toBeLessThanOrEqual(12 * seconds);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    }
  });

  it('relay - invalid NATS messages are dropped and the relay goes on', async () => {
    nc.publish(subjects.deviceStatus('cam-1'), 'not json');
    nc.publish(subjects.deviceStatus('cam-1'), JSON.stringify(testStatus('stage-1', 'stage', 1)));
    nc.publish(subjects.controlState('cam-1'), JSON.stringify({ deviceId: 'cam-1', kind: 'toaster' }));
    nc.publish(subjects.event('cam-1'), JSON.stringify({ type: 'party' }));
    const socket = openClient();
    const batch = await new Promise<DeviceBatch>((resolve) => socket.once('devices', resolve));
    expect(batch.statuses.length).toBeGreaterThan(0);
    expect(gateway.service.running()).toBe(true);
  });

  it('relay - events are relayed to clients', async () => {
    const socket = openClient();
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    const received = new Promise((resolve) => socket.once('event', resolve));
    const event = { id: 'ev-1', ts: Date.now(), deviceId: 'cam-1', type: 'transition', from: 'Idle', to: 'Exposing', reason: 'start' };
    nc.publish(subjects.event('cam-1'), JSON.stringify(event));
    await expect(received).resolves.toEqual(event);
  });

  it('commands - the ack carries the controller reply, with a requestId added', async () => {
    const socket = openClient();
    const accepted: AckResult<ControlCommandReply> = await socket
      .timeout(5000)
      .emitWithAck('command', { deviceId: 'cam-1', command: 'start' });
    expect('data' in accepted && ControlCommandReplySchema.parse(accepted.data)).toMatchObject({ accepted: true, state: 'Exposing' });
    const forwarded = controller.commands.at(-1);
    expect(forwarded?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(forwarded?.user).toBe(OPERATOR.user);
    // Addressed to the device, so that a partitioning broker delivers it to the device's owner.
    expect(controller.commandSubjects.at(-1)).toBe(subjects.controlCommandFor('cam-1'));

    const refused: AckResult<ControlCommandReply> = await socket
      .timeout(5000)
      .emitWithAck('command', { deviceId: 'cam-1', command: 'stop', requestId: 'req-42' });
    expect(refused).toEqual({
      data: { requestId: 'req-42', accepted: false, reason: 'camera is Idle; stop is allowed in Exposing', state: 'Idle' },
    });
  });

  it('commands - an invalid payload gets an ack error and the socket stays connected', async () => {
    const socket = openClient();
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Deliberately outside the contract: this is what a hostile or buggy client can send.
    const raw: Socket = socket;
    const result: unknown = await raw.timeout(5000).emitWithAck('command', { deviceId: 'bad id!', command: '' });
    expect(result).toEqual({ error: expect.stringMatching(/^invalid command: .*deviceId/) });
    const noPayload: unknown = await raw.timeout(5000).emitWithAck('command');
    expect(noPayload).toEqual({ error: expect.stringMatching(/^invalid command/) });
    raw.emit('command', { deviceId: 'cam-1', command: 'start' });
    expect(socket.connected).toBe(true);
    const snapshot: AckResult<FleetSnapshot> = await socket.timeout(2000).emitWithAck('snapshot');
    expect('data' in snapshot).toBe(true);
  });

  it('commands - a controller that does not answer is retried with the same requestId, then yields "controller unavailable"', async () => {
    const socket = openClient();
    const before = controller.commands.length;
    const result: AckResult<ControlCommandReply> = await socket
      .timeout(5000)
      .emitWithAck('command', { deviceId: SILENT_DEVICE, command: 'start' });
    expect(result).toEqual({ error: expect.stringMatching(/^controller unavailable: no controller answered on .* within \d+ ms \(\d+ attempts, last: timeout\)$/) });
    const attempts = controller.commands.slice(before).filter((c) => c.deviceId === SILENT_DEVICE);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(attempts.map((c) => c.requestId)).size).toBe(1);
  });

  it('http - serves a placeholder page when the UI is not built', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/npm run build/);
  });

  it('lifecycle - SIGTERM closes clients and exits 0 within 1 s', async () => {
    const socket = openClient();
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    const started = Date.now();
    const code = await gateway.service.stop();
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(1000);
    await waitFor('client disconnected', () => !socket.connected, { timeoutMs: 2000 });
  });
});
