import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SocketError, subjects, type AckResult, type Alarm, type AlarmAckReply, type FleetEvent, type Session } from '@fleet/contracts';
import { startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import type { Socket } from 'socket.io-client';
import { startFakeController, testAlarm, testEvent, testState, testStatus, type FakeController } from './fake-controller';
import { OPERATOR, VIEWER, firstSnapshot, openSocket, startGateway, type ClientSocket } from './gateway-harness';

jest.setTimeout(30_000);

const ALARM = testAlarm('alarm-1', 'cam-1');
const HISTORY = [testEvent('h1', 'cam-1', 1000), testEvent('h2', 'stage-1', 2000), testEvent('h3', 'cam-1', 3000)];
const COMMAND_RATE = 4;

describe('gateway - auth, roles, input checks, alarms, history and endpoints', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let gateway: AppProcess;
  let port: number;
  let controller: FakeController;
  let brokerStopped = false;
  const sockets: ClientSocket[] = [];

  function open(token: string | null): ClientSocket {
    const socket = openSocket(port, token);
    sockets.push(socket);
    return socket;
  }

  async function connected(token: string): Promise<{ socket: ClientSocket; session: Session }> {
    const socket = open(token);
    const session = await new Promise<Session>((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    return { socket, session };
  }

  function connectError(token: string | null): Promise<string> {
    const socket = open(token);
    return new Promise((resolve) => socket.once('connect_error', (err) => resolve(err.message)));
  }

  async function metric(name: string): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(name));
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    controller = startFakeController(nc, [testState('cam-1', 'camera', 'Idle'), testState('stage-1', 'stage', 'Ready')], [ALARM], HISTORY);
    await nc.flush();
    ({ app: gateway, port } = await startGateway(broker, ['--command-rate', String(COMMAND_RATE)]));
  }, 90_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await gateway?.service.kill();
    if (nc && !nc.isClosed()) await nc.drain();
    if (!brokerStopped) await broker?.stop();
  });

  it('auth - a missing or unknown token gets connect_error "unauthorized"', async () => {
    await expect(connectError(null)).resolves.toBe(SocketError.unauthorized);
    await expect(connectError('not-a-token')).resolves.toBe(SocketError.unauthorized);
    expect(await metric('fleet_gateway_auth_failures_total')).toBeGreaterThanOrEqual(2);
  });

  it('auth - a known token gets its session, then the snapshot', async () => {
    const socket = open(VIEWER.token);
    const session = new Promise<Session>((resolve) => socket.once('session', resolve));
    const snapshot = firstSnapshot(socket);
    await expect(session).resolves.toEqual({ user: VIEWER.user, role: 'viewer' });
    expect((await snapshot).statuses).toBeDefined();
  });

  it('roles - a viewer may watch, but a command or alarm ack is "forbidden" and never reaches the controller', async () => {
    const { socket } = await connected(VIEWER.token);
    const before = { commands: controller.commands.length, acks: controller.alarmAcks.length };
    const command = await socket.timeout(5000).emitWithAck('command', { deviceId: 'cam-1', command: 'start' });
    const ack = await socket.timeout(5000).emitWithAck('alarm:ack', { alarmId: ALARM.id });
    expect(command).toEqual({ error: SocketError.forbidden });
    expect(ack).toEqual({ error: SocketError.forbidden });
    const history: AckResult<FleetEvent[]> = await socket.timeout(5000).emitWithAck('events', { limit: 10 });
    expect('data' in history).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(controller.commands.length).toBe(before.commands);
    expect(controller.alarmAcks.length).toBe(before.acks);
  });

  it('roles - an operator commands and acknowledges alarms, and the controller learns who', async () => {
    const { socket, session } = await connected(OPERATOR.token);
    expect(session).toEqual({ user: OPERATOR.user, role: 'operator' });
    const command = await socket.timeout(5000).emitWithAck('command', { deviceId: 'cam-1', command: 'start' });
    expect(command).toEqual({ data: expect.objectContaining({ accepted: true }) });
    expect(controller.commands.at(-1)).toMatchObject({ deviceId: 'cam-1', command: 'start', user: OPERATOR.user });
    expect(controller.commandSubjects.at(-1)).toBe(subjects.controlCommandFor('cam-1'));
    const ack: AckResult<AlarmAckReply> = await socket.timeout(5000).emitWithAck('alarm:ack', { alarmId: ALARM.id });
    expect(ack).toEqual({ data: expect.objectContaining({ accepted: true, alarm: expect.objectContaining({ acknowledged: expect.objectContaining({ by: OPERATOR.user }) }) }) });
    expect(controller.alarmAcks.at(-1)).toMatchObject({ alarmId: ALARM.id, user: OPERATOR.user, requestId: expect.any(String) });
  });

  it('alarms - the snapshot lists the controller\'s alarms and follows alarm events', async () => {
    const { socket } = await connected(VIEWER.token);
    const listed = await waitFor('alarm in the snapshot', async () => {
      const result = await socket.timeout(2000).emitWithAck('snapshot');
      return 'data' in result && result.data.alarms.some((a: Alarm) => a.id === ALARM.id) ? result.data.alarms : undefined;
    });
    expect(listed).toEqual([ALARM]);
    const raised: FleetEvent = { id: 'ev-a2', ts: Date.now(), deviceId: 'stage-1', type: 'alarm', action: 'raised', alarm: testAlarm('alarm-2', 'stage-1') };
    const relayed = new Promise<FleetEvent>((resolve) => socket.once('event', resolve));
    nc.publish(subjects.event('stage-1'), JSON.stringify(raised));
    await expect(relayed).resolves.toEqual(raised);
    const after = await socket.timeout(2000).emitWithAck('snapshot');
    expect('data' in after && after.data.alarms.map((a: Alarm) => a.id).sort()).toEqual(['alarm-1', 'alarm-2']);
  });

  it('history - events come from the controller, filtered by device', async () => {
    const { socket } = await connected(VIEWER.token);
    const all: AckResult<FleetEvent[]> = await socket.timeout(5000).emitWithAck('events', { limit: 2 });
    expect(all).toEqual({ data: [HISTORY[1], HISTORY[2]] });
    const one: AckResult<FleetEvent[]> = await socket.timeout(5000).emitWithAck('events', { deviceId: 'cam-1' });
    expect(one).toEqual({ data: [HISTORY[0], HISTORY[2]] });
  });

  it('inputs - every bad message gets an ack error with the reason, is counted, and the socket stays up', async () => {
    const { socket } = await connected(OPERATOR.token);
    // Deliberately outside the contract: what a hostile or buggy client can send.
    const raw: Socket = socket;
    const before = await metric('fleet_gateway_invalid_inputs_total{source="socket-alarm-ack"}');
    await expect(raw.timeout(5000).emitWithAck('alarm:ack', { alarmId: 42 })).resolves.toEqual({ error: expect.stringMatching(/^invalid alarm ack: alarmId/) });
    await expect(raw.timeout(5000).emitWithAck('events', { limit: 1e9 })).resolves.toEqual({ error: expect.stringMatching(/^invalid events query: limit/) });
    await expect(raw.timeout(5000).emitWithAck('events', 'everything')).resolves.toEqual({ error: expect.stringMatching(/^invalid events query/) });
    await expect(raw.timeout(5000).emitWithAck('launch', { missiles: true })).resolves.toEqual({ error: 'unknown event "launch"' });
    expect(await metric('fleet_gateway_invalid_inputs_total{source="socket-alarm-ack"}')).toBe(before + 1);
    expect(await metric('fleet_gateway_invalid_inputs_total{source="socket-unknown"}')).toBeGreaterThanOrEqual(1);
    expect(socket.connected).toBe(true);
    await expect(socket.timeout(2000).emitWithAck('snapshot')).resolves.toEqual({ data: expect.anything() });
  });

  it('inputs - commands are rate-limited per client with a clear error, other clients unaffected', async () => {
    const { socket } = await connected(OPERATOR.token);
    const replies = await Promise.all(
      Array.from({ length: 4 * COMMAND_RATE }, () => socket.timeout(5000).emitWithAck('command', { deviceId: 'cam-1', command: 'start' })),
    );
    const limited = replies.filter((r) => 'error' in r && r.error === SocketError.rateLimited);
    expect(limited.length).toBeGreaterThanOrEqual(COMMAND_RATE);
    expect(replies.length - limited.length).toBeGreaterThanOrEqual(2 * COMMAND_RATE - 1);
    const other = (await connected(OPERATOR.token)).socket;
    await expect(other.timeout(5000).emitWithAck('command', { deviceId: 'cam-1', command: 'start' })).resolves.toEqual({ data: expect.anything() });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await expect(socket.timeout(5000).emitWithAck('command', { deviceId: 'cam-1', command: 'start' })).resolves.toEqual({ data: expect.anything() });
  });

  it('http - /healthz, /readyz (NATS connected) and /metrics answer', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', nats: 'connected' });
    nc.publish(subjects.deviceStatus('cam-1'), JSON.stringify(testStatus('cam-1', 'camera', 1)));
    await waitFor('statuses counted', async () => (await metric('fleet_gateway_statuses_received_total')) > 0);
  });

  // Last: it takes the broker away for good.
  it('http - /readyz turns 503 once the broker is gone, and the gateway keeps running', async () => {
    await nc.close();
    await broker.stop();
    brokerStopped = true;
    await waitFor('not ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 503, { timeoutMs: 10_000 });
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(gateway.service.running()).toBe(true);
  });
});
