import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  AlarmActionReplySchema,
  ControlSnapshotSchema,
  DeviceStateSchema,
  FleetEventSchema,
  subjects,
  type Alarm,
  type AlarmActionReply,
  type ControlSnapshot,
  type FleetEvent,
} from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { startController, type ControllerProcess } from './controller-process';
import { FakeSensor } from './fake-sensor';

jest.setTimeout(90_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('controller - alarm model (on-delay, suppression, limits, shelving, out of service, persistence) with a real broker', () => {
  let broker: TestBroker;
  let controller: ControllerProcess | undefined;
  let nc: NatsConnection;
  const events: FleetEvent[] = [];
  const offlineAt = new Map<string, number>();
  const sensors: FakeSensor[] = [];
  let n = 0;

  const start = async () => {
    controller = await startController([...broker.appArgs('controller'), '--alarm-delay-ms', '500']);
  };
  const request = async (subject: string, body: unknown): Promise<unknown> => (await nc.request(subject, JSON.stringify(body), { timeout: 5000 })).json();
  const act = async (body: Record<string, unknown>, subject: string = subjects.alarmAction): Promise<AlarmActionReply> =>
    AlarmActionReplySchema.parse(await request(subject, { requestId: `r-${++n}`, user: 'alice', ...body }));
  const snapshot = async (): Promise<ControlSnapshot> => ControlSnapshotSchema.parse(await request(subjects.controlSnapshot, {}));
  const alarmOf = async (deviceId: string, code: string): Promise<Alarm | undefined> => (await snapshot()).alarms.find((a) => a.deviceId === deviceId && a.code === code);
  const alarmEvents = (deviceId: string) => events.filter((e) => e.deviceId === deviceId && e.type === 'alarm');
  const sensor = async (deviceId: string): Promise<FakeSensor> => {
    const s = new FakeSensor(nc, deviceId, 20);
    sensors.push(s);
    s.start();
    await waitFor(`${deviceId} Monitoring`, async () => (await snapshot()).devices.find((d) => d.deviceId === deviceId && d.state === 'Monitoring'), { timeoutMs: 10_000 });
    return s;
  };

  beforeAll(async () => {
    broker = await startTestBroker();
    nc = await connect(broker.connectionOptions());
    nc.subscribe(subjects.allEvents, {
      callback: (err, msg) => {
        const parsed = err ? undefined : FleetEventSchema.safeParse(msg.json());
        if (parsed?.success) events.push(parsed.data);
      },
    });
    nc.subscribe(subjects.allControlState, {
      callback: (err, msg) => {
        const parsed = err ? undefined : DeviceStateSchema.safeParse(msg.json());
        if (parsed?.success && parsed.data.state === 'Offline') offlineAt.set(parsed.data.deviceId, Date.now());
      },
    });
    await nc.flush();
    await start();
  });

  afterAll(async () => {
    for (const s of sensors) s.stop();
    const exit = await controller?.stop();
    await nc?.close();
    await broker?.stop();
    expect(exit?.code).toBe(0);
  });

  it('on-delay - a 400 ms Offline shows as state but raises no alarm; a 2 s one raises one, which clears when the device is back', async () => {
    const s = await sensor('flap-1');
    offlineAt.delete('flap-1');
    await s.pause(400);
    await waitFor('flap-1 Monitoring again', async () => (await snapshot()).devices.find((d) => d.deviceId === 'flap-1' && d.state === 'Monitoring'));
    expect(offlineAt.has('flap-1')).toBe(true);
    await sleep(1500);
    expect(alarmEvents('flap-1')).toEqual([]);
    expect(await alarmOf('flap-1', 'offline')).toBeUndefined();

    await s.pause(2000);
    const raised = alarmEvents('flap-1').find((e) => e.type === 'alarm' && e.action === 'raised');
    expect(raised).toMatchObject({ alarm: { code: 'offline', severity: 'critical' } });
    const cleared = await waitFor('offline alarm returned to normal', async () => {
      const alarm = await alarmOf('flap-1', 'offline');
      return alarm?.clearedAt !== null ? alarm : undefined;
    });
    expect(cleared).toMatchObject({ acknowledged: null, shelved: null });
  });

  it('suppression - a link down raises one alarm (Fault), never a separate link-down', async () => {
    const s = await sensor('link-1');
    s.link = 'down';
    const fault = await waitFor('fault alarm', () => alarmOf('link-1', 'fault'), { timeoutMs: 5000 });
    expect(fault).toMatchObject({ severity: 'critical', message: expect.stringContaining('in Fault') });
    await sleep(1000);
    expect((await snapshot()).alarms.filter((a) => a.deviceId === 'link-1').map((a) => a.code)).toEqual(['fault']);
    expect(alarmEvents('link-1').filter((e) => e.type === 'alarm' && e.alarm.code === 'link-down')).toEqual([]);
    s.link = 'up';
    await waitFor('fault cleared', async () => (await alarmOf('link-1', 'fault'))?.clearedAt !== null);
  });

  it('limits - HI then HIHI from the kind (HI suppressed under HIHI), cleared past the deadband; acknowledged together with a comment', async () => {
    const s = await sensor('temp-1');
    s.temperature = 35;
    const hi = await waitFor('HI alarm', () => alarmOf('temp-1', 'hi'));
    expect(hi).toMatchObject({ severity: 'warning', reading: 'temperature', message: 'temp-1 Temperature HI: 35°C (limit 30°C)' });
    s.temperature = 45;
    const hihi = await waitFor('HIHI alarm', () => alarmOf('temp-1', 'hihi'));
    expect(hihi.severity).toBe('critical');
    await waitFor('HI cleared under HIHI', async () => (await alarmOf('temp-1', 'hi'))?.clearedAt !== null);
    const reply = await act({ action: 'ack', alarmIds: [hi.id, hihi.id, 'no-such-alarm'], comment: 'cooling fan replaced' });
    expect(reply.accepted).toBe(false);
    expect(reply.refused).toEqual([{ alarmId: 'no-such-alarm', reason: expect.stringContaining('unknown alarm') }]);
    expect(reply.alarms.map((a) => [a.code, a.acknowledged?.by, a.acknowledged?.comment])).toEqual(
      expect.arrayContaining([
        ['hi', 'alice', 'cooling fan replaced'],
        ['hihi', 'alice', 'cooling fan replaced'],
      ]),
    );
    expect(await alarmOf('temp-1', 'hi')).toBeUndefined();
    s.temperature = 39.8;
    await sleep(1500);
    expect((await alarmOf('temp-1', 'hihi'))?.clearedAt).toBeNull();
    s.temperature = 21;
    await waitFor('HIHI done (acknowledged, then cleared)', async () => (await alarmOf('temp-1', 'hihi')) === undefined);
    const acks = alarmEvents('temp-1').filter((e) => e.type === 'alarm' && e.action === 'acknowledged');
    expect(acks).toHaveLength(2);
    expect(acks.every((e) => e.type === 'alarm' && e.user === 'alice' && e.comment === 'cooling fan replaced')).toBe(true);
  });

  it('shelving - a timed shelve expires by itself with an event; a one-shot shelve ends when the alarm clears; refusals say why', async () => {
    const s = await sensor('shelf-1');
    s.temperature = 33;
    const hi = await waitFor('HI alarm', () => alarmOf('shelf-1', 'hi'));
    const shelved = await act({ action: 'shelve', alarmId: hi.id, reason: 'probe being recalibrated', durationMs: 1500 });
    expect(shelved).toMatchObject({ accepted: true, alarms: [{ shelved: { by: 'alice', reason: 'probe being recalibrated' } }] });
    expect(await act({ action: 'shelve', alarmId: hi.id, reason: 'again' })).toMatchObject({ accepted: false, reason: expect.stringContaining('already shelved by alice') });
    const expired = await waitFor('unshelved by the system', () =>
      alarmEvents('shelf-1').find((e) => e.type === 'alarm' && e.action === 'unshelved' && e.user === 'system' && e.comment === 'shelve time expired'),
    );
    expect(expired.ts - (shelved.alarms[0]?.shelved?.at ?? 0)).toBeGreaterThanOrEqual(1500);
    expect((await alarmOf('shelf-1', 'hi'))?.shelved).toBeNull();

    expect(await act({ action: 'shelve', alarmId: hi.id, reason: 'one shot' })).toMatchObject({ accepted: true, alarms: [{ shelved: { until: null } }] });
    s.temperature = 21;
    await waitFor('one-shot shelve ended at clear', () =>
      alarmEvents('shelf-1').find((e) => e.type === 'alarm' && e.action === 'unshelved' && e.comment === 'one-shot shelve ended: the alarm cleared'),
    );
    expect(await act({ action: 'unshelve', alarmId: hi.id })).toMatchObject({ accepted: false, reason: `alarm ${hi.id} is not shelved` });
    expect(await request(subjects.alarmAction, { action: 'shelve', alarmId: hi.id, requestId: 'bad', reason: '' })).toEqual({ error: expect.stringContaining('reason') });
  });

  it('out of service - removes the alarms, raises nothing while in maintenance, records who and why; back in service judges afresh', async () => {
    const s = await sensor('maint-1');
    s.temperature = 50;
    await waitFor('HIHI alarm', () => alarmOf('maint-1', 'hihi'));
    const out = await act({ action: 'out-of-service', deviceId: 'maint-1', reason: 'probe replacement' });
    expect(out).toMatchObject({ accepted: true, outOfService: { deviceId: 'maint-1', by: 'alice', reason: 'probe replacement' }, alarms: [{ code: 'hihi' }] });
    expect(await alarmOf('maint-1', 'hihi')).toBeUndefined();
    expect((await snapshot()).outOfService).toContainEqual(expect.objectContaining({ deviceId: 'maint-1', by: 'alice' }));
    await waitFor('service event', () => events.find((e) => e.type === 'service' && e.deviceId === 'maint-1' && e.action === 'out-of-service' && e.user === 'alice' && e.reason === 'probe replacement'));
    expect(alarmEvents('maint-1').find((e) => e.type === 'alarm' && e.action === 'removed')).toMatchObject({ user: 'alice', comment: 'out of service: probe replacement' });
    await s.pause(2000);
    s.temperature = 60;
    await sleep(500);
    expect((await snapshot()).alarms.filter((a) => a.deviceId === 'maint-1')).toEqual([]);
    expect(await act({ action: 'out-of-service', deviceId: 'maint-1', reason: 'again' })).toMatchObject({ accepted: false, reason: expect.stringContaining('already out of service') });
    // The per-device subject takes only its own device.
    expect(await act({ action: 'in-service', deviceId: 'maint-1' }, subjects.alarmActionFor('flap-1'))).toMatchObject({ accepted: false, reason: expect.stringContaining("flap-1's subject") });
    expect(await act({ action: 'in-service', deviceId: 'maint-1', reason: 'done' })).toMatchObject({ accepted: true, outOfService: null });
    await waitFor('HIHI raised again once back in service', () => alarmOf('maint-1', 'hihi'));
    s.temperature = 21;
  });

  it('restart - acknowledgements, shelves and out-of-service records survive a controller restart', async () => {
    const s = await sensor('keep-1');
    await sensor('keep-2');
    s.temperature = 35;
    const hi = await waitFor('HI alarm', () => alarmOf('keep-1', 'hi'));
    await act({ action: 'shelve', alarmId: hi.id, reason: 'known drift', durationMs: 3_600_000 });
    await act({ action: 'out-of-service', deviceId: 'keep-2', reason: 'rewiring' });
    s.link = 'down';
    const fault = await waitFor('fault alarm', () => alarmOf('keep-1', 'fault'));
    await act({ action: 'ack', alarmIds: [fault.id], comment: 'electrician called' });
    const before = await snapshot();
    expect((await controller?.stop())?.code).toBe(0);
    await start();
    const after = await waitFor('alarms restored', async () => {
      const snap = await snapshot();
      return snap.alarms.some((a) => a.id === fault.id) ? snap : undefined;
    });
    expect(after.alarms.find((a) => a.id === hi.id)?.shelved).toEqual(before.alarms.find((a) => a.id === hi.id)?.shelved);
    expect(after.alarms.find((a) => a.id === fault.id)?.acknowledged).toMatchObject({ by: 'alice', comment: 'electrician called' });
    expect(after.outOfService).toContainEqual({ deviceId: 'keep-2', by: 'alice', at: expect.any(Number), reason: 'rewiring' });
    expect(await act({ action: 'out-of-service', deviceId: 'keep-2', reason: 'x' })).toMatchObject({ accepted: false, reason: expect.stringContaining('already out of service (by alice') });
    const metrics = await (await fetch(`${controller?.httpUrl ?? ''}/metrics`)).text();
    expect(Number(/^fleet_controller_alarm_kpi\{kpi="shelved"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(/^fleet_controller_alarm_kpi\{kpi="standing"\} (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(/^fleet_controller_alarm_kpi\{kpi="raised_10m"\} \d+$/m);
    expect(await act({ action: 'unshelve', alarmId: hi.id, reason: 'drift fixed' })).toMatchObject({ accepted: true, alarms: [{ shelved: null }] });
  });
});
