import { connect, type NatsConnection } from '@nats-io/transport-node';
import { subjects, type AckResult, type FleetEvent, type FleetSnapshot } from '@fleet/contracts';
import { startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { startFakeController, testAlarm, testState, testStatus, type FakeController } from './fake-controller';
import { OPERATOR, VIEWER, firstSnapshot, openSocket, startGateway, type ClientSocket } from './gateway-harness';

jest.setTimeout(60_000);

const DEVICES = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? { id: `camera-${i}`, kind: 'camera' as const } : { id: `stage-${i}`, kind: 'stage' as const }));

/** A comparable summary of what a client would show: each device's state and the alarm ids. */
function view(snapshot: FleetSnapshot): string {
  const states = snapshot.states.map((s) => `${s.deviceId}=${s.state}`).sort();
  const statuses = snapshot.statuses.map((s) => s.deviceId).sort();
  return JSON.stringify({ states, statuses, alarms: snapshot.alarms.map((a) => a.id).sort() });
}

describe('gateway - two replicas on one broker', () => {
  let broker: TestBroker;
  let nc: NatsConnection;
  let controller: FakeController;
  const gateways: Array<{ app: AppProcess; port: number }> = [];
  const sockets: ClientSocket[] = [];
  let publisher: NodeJS.Timeout | undefined;

  async function snapshotOf(socket: ClientSocket): Promise<FleetSnapshot | undefined> {
    const result: AckResult<FleetSnapshot> = await socket.timeout(2000).emitWithAck('snapshot');
    return 'data' in result ? result.data : undefined;
  }

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    const states = DEVICES.map((d) => testState(d.id, d.kind, d.kind === 'camera' ? 'Idle' : 'Ready'));
    controller = startFakeController(nc, states, [testAlarm('alarm-1', 'camera-0')]);
    await nc.flush();
    gateways.push(...(await Promise.all([startGateway(broker), startGateway(broker)])));
    let seq = 0;
    publisher = setInterval(() => {
      seq += 1;
      for (const d of DEVICES) nc.publish(subjects.deviceStatus(d.id), JSON.stringify(testStatus(d.id, d.kind, seq)));
    }, 100);
  }, 90_000);

  afterAll(async () => {
    clearInterval(publisher);
    for (const socket of sockets) socket.disconnect();
    for (const { app } of gateways) await app.service.kill();
    await nc?.drain();
    await broker?.stop();
  });

  it('both serve full, consistent snapshots and the same live changes; either forwards commands', async () => {
    const [a, b] = gateways.map(({ port }, i) => {
      const socket = openSocket(port, i === 0 ? OPERATOR.token : VIEWER.token);
      sockets.push(socket);
      return socket;
    });
    if (!a || !b) throw new Error('two gateways expected');
    await Promise.all([firstSnapshot(a), firstSnapshot(b)]);
    const full = (s: FleetSnapshot | undefined): boolean => s !== undefined && s.states.length === DEVICES.length && s.statuses.length === DEVICES.length && s.alarms.length === 1;
    await waitFor('both snapshots full', async () => full(await snapshotOf(a)) && full(await snapshotOf(b)));

    // A transition and an event published once must reach the clients of both replicas.
    const exposing = { ...testState('camera-0', 'camera', 'Exposing'), since: Date.now() + 1 };
    const event: FleetEvent = { id: 'ev-r1', ts: Date.now(), deviceId: 'camera-0', type: 'transition', from: 'Idle', to: 'Exposing', reason: 'start' };
    const events = [a, b].map((s) => new Promise<FleetEvent>((resolve) => s.once('event', resolve)));
    nc.publish(subjects.controlState('camera-0'), JSON.stringify(exposing));
    nc.publish(subjects.event('camera-0'), JSON.stringify(event));
    await expect(Promise.all(events)).resolves.toEqual([event, event]);

    const [va, vb] = await waitFor('the same view on both replicas', async () => {
      const [sa, sb] = await Promise.all([snapshotOf(a), snapshotOf(b)]);
      if (!sa || !sb || view(sa) !== view(sb)) return undefined;
      return sa.states.find((s) => s.deviceId === 'camera-0')?.state === 'Exposing' ? [view(sa), view(sb)] : undefined;
    });
    expect(va).toBe(vb);

    const reply = await a.timeout(5000).emitWithAck('command', { deviceId: 'stage-1', command: 'start' });
    expect('data' in reply).toBe(true);
    expect(controller.commands.at(-1)).toMatchObject({ deviceId: 'stage-1', user: OPERATOR.user });
  });

  it('losing one replica leaves the other serving', async () => {
    const [first, second] = gateways;
    if (!first || !second) throw new Error('two gateways expected');
    await first.app.service.kill();
    const socket = openSocket(second.port, VIEWER.token);
    sockets.push(socket);
    const snapshot = await firstSnapshot(socket);
    expect(snapshot.states).toHaveLength(DEVICES.length);
    const batch = await new Promise<number>((resolve) => socket.once('devices', (b) => resolve(b.statuses.length)));
    expect(batch).toBeGreaterThan(0);
  });
});
