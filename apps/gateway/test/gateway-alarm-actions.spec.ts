import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SocketError, subjects, type AckResult, type Alarm, type AlarmActionReply, type FleetEvent, type FleetSnapshot, type Session, type SocketAlarmAction } from '@fleet/contracts';
import { startApp, startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { OPERATOR, VIEWER, openSocket, startGateway, type ClientSocket } from './gateway-harness';

jest.setTimeout(60_000);

const SENSORS = ['hot-1', 'hot-2'];

describe('gateway - alarm actions from Socket.IO through a real controller', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let controller: AppProcess;
  let gateway: AppProcess;
  let port: number;
  let timer: NodeJS.Timeout | undefined;
  const sockets: ClientSocket[] = [];
  let seq = 0;

  async function connected(token: string): Promise<ClientSocket> {
    const socket = openSocket(port, token);
    sockets.push(socket);
    await new Promise<Session>((resolve, reject) => {
      socket.once('session', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  }
  const snapshot = async (socket: ClientSocket): Promise<FleetSnapshot> => {
    const reply: AckResult<FleetSnapshot> = await socket.timeout(5000).emitWithAck('snapshot');
    if ('error' in reply) throw new Error(reply.error);
    return reply.data;
  };
  const action = (socket: ClientSocket, body: SocketAlarmAction): Promise<AckResult<AlarmActionReply>> =>
    socket.timeout(5000).emitWithAck('alarm:action', body);

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    controller = await startApp('controller', [...broker.appArgs('controller'), '--http-port', '0']);
    ({ app: gateway, port } = await startGateway(broker));
    for (const deviceId of SENSORS) {
      nc.publish(subjects.devicePresence(deviceId), JSON.stringify({ type: 'birth', deviceId, kind: 'sensor', statusHz: 10, version: 't', pid: 1, host: 't', ts: Date.now() }));
    }
    // Two temperature sensors above their HI limit (30 °C).
    timer = setInterval(() => {
      seq += 1;
      for (const deviceId of SENSORS) {
        const status = { deviceId, kind: 'sensor', seq, ts: Date.now(), link: 'up', hwState: 'ok', readings: { temperature: 35 }, counters: { polls: seq, timeouts: 0, reconnects: 0, skippedPolls: 0 } };
        nc.publish(subjects.deviceStatus(deviceId), JSON.stringify(status));
      }
    }, 100);
  });

  afterAll(async () => {
    clearInterval(timer);
    for (const socket of sockets) socket.disconnect();
    await gateway?.service.stop();
    await controller?.service.stop();
    await nc?.close();
    await broker?.stop();
  });

  it('alarms - a viewer is refused; an operator acknowledges all visible alarms with one comment, recorded with the user', async () => {
    const operator = await connected(OPERATOR.token);
    const viewer = await connected(VIEWER.token);
    const visible = await waitFor('both HI alarms in the snapshot', async () => {
      const alarms = (await snapshot(operator)).alarms.filter((a) => a.code === 'hi');
      return alarms.length === 2 ? alarms : undefined;
    }, { timeoutMs: 10_000 });
    const ids = visible.map((a) => a.id);
    expect(await action(viewer, { action: 'ack', alarmIds: ids, comment: 'x' })).toEqual({ error: SocketError.forbidden });
    const reply = await action(operator, { action: 'ack', alarmIds: ids, comment: 'fans checked' });
    expect(reply).toEqual({ data: expect.objectContaining({ accepted: true, refused: [] }) });
    if ('error' in reply) return;
    expect(reply.data.alarms.map((a) => a.acknowledged)).toEqual([
      { by: OPERATOR.user, at: expect.any(Number), comment: 'fans checked' },
      { by: OPERATOR.user, at: expect.any(Number), comment: 'fans checked' },
    ]);
    const history: AckResult<FleetEvent[]> = await operator.timeout(5000).emitWithAck('events', { limit: 100 });
    const acks = 'data' in history ? history.data.filter((e) => e.type === 'alarm' && e.action === 'acknowledged') : [];
    expect(acks.map((e) => (e.type === 'alarm' ? [e.user, e.comment] : []))).toEqual([
      [OPERATOR.user, 'fans checked'],
      [OPERATOR.user, 'fans checked'],
    ]);
  });

  it('alarms - an operator shelves for an hour with a reason; a second shelve is refused with who and until when', async () => {
    const operator = await connected(OPERATOR.token);
    const hi = await waitFor('HI of hot-1', async () => (await snapshot(operator)).alarms.find((a: Alarm) => a.deviceId === 'hot-1' && a.code === 'hi'));
    const shelved = await action(operator, { action: 'shelve', alarmId: hi.id, reason: 'sensor in the sun until noon', durationMs: 3_600_000 });
    expect(shelved).toEqual({ data: expect.objectContaining({ accepted: true }) });
    if ('data' in shelved) expect(shelved.data.alarms[0]?.shelved).toMatchObject({ by: OPERATOR.user, reason: 'sensor in the sun until noon' });
    const again = await action(operator, { action: 'shelve', alarmId: hi.id, reason: 'again' });
    expect(again).toEqual({ data: expect.objectContaining({ accepted: false, reason: expect.stringContaining(`already shelved by ${OPERATOR.user} until`) }) });
    await waitFor('shelve in the gateway snapshot', async () => (await snapshot(operator)).alarms.find((a) => a.id === hi.id)?.shelved !== null);
  });

  it('alarms - out of service shows in every snapshot; an invalid action is refused with the reason', async () => {
    const operator = await connected(OPERATOR.token);
    const out = await action(operator, { action: 'out-of-service', deviceId: 'hot-2', reason: 'recalibration' });
    expect(out).toEqual({ data: expect.objectContaining({ accepted: true, outOfService: expect.objectContaining({ deviceId: 'hot-2', by: OPERATOR.user }) }) });
    await waitFor('out of service in the snapshot', async () => (await snapshot(operator)).outOfService.some((r) => r.deviceId === 'hot-2'));
    const fresh = await connected(OPERATOR.token);
    expect((await snapshot(fresh)).alarms.filter((a) => a.deviceId === 'hot-2')).toEqual([]);
    const invalid = await action(operator, { action: 'shelve', alarmId: 'x', reason: '' });
    expect(invalid).toEqual({ error: expect.stringContaining('invalid alarm action') });
  });
});
