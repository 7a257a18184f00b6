import { Kvm } from '@nats-io/kv';
import { ControlCommandReplySchema, DeviceCommandReplySchema, partitionOf, subjects, type ControlCommandReply } from '@fleet/contracts';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { commandKey } from '../src/commands/command-record';
import type { ControllerProcess } from './controller-process';
import { metricValue, startCameraFleet, startReplica, type CameraFleet } from './replica-fleet';
import { TestClient } from './test-client';

jest.setTimeout(120_000);

const PARTITIONS = 16;
const CAMERA = 'camera-1';
/** The agent waits this long for its device, so a slowed device holds the agent's reply instead of failing it. */
const AGENT_DEVICE_TIMEOUT_MS = '10000';
/** An agent's "never received" counts only if it was up this long before the command (CLOCK_MARGIN_MS, plus slack). */
const AGENT_UPTIME_MS = 2500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The interleavings of issue 14, reproduced on demand with real parts: the simulator holds the
 * device's answer (fault `slow`), so the agent's reply comes after the controller stopped
 * waiting; command records are left in KV as a controller that died mid-call leaves them; a
 * partition lease is taken away while a hardware call is in flight.
 */
describe('controller - commands in doubt', () => {
  let broker: TestBroker;
  let client: TestClient;
  let fleet: CameraFleet;
  let fleetStartedAt = 0;
  let replica: ControllerProcess | undefined;

  const command = async (name: string, requestId: string, timeout = 10_000): Promise<ControlCommandReply> =>
    ControlCommandReplySchema.parse(await client.request(subjects.controlCommandFor(CAMERA), { deviceId: CAMERA, command: name, requestId, user: 'alice' }, timeout));
  const hardware = async (word: string): Promise<number> => (await fleet.hardwareCounts(client.nc, CAMERA))[word] ?? 0;
  const simFault = (body: unknown) => client.request(subjects.simFault(CAMERA), body);
  const state = async () => (await client.snapshot()).devices.find((d) => d.deviceId === CAMERA)?.state;
  const idle = async (): Promise<void> => {
    await simFault({ fault: 'clear' });
    if ((await state()) === 'Exposing') await command('abort', `abort-${Date.now()}`);
    await waitFor('camera Idle', async () => ((await state()) === 'Idle' ? true : undefined), { timeoutMs: 15_000 });
  };
  const pendingRecord = (requestId: string, name: string) => ({ status: 'pending', requestId, deviceId: CAMERA, command: name, at: Date.now() });

  beforeAll(async () => {
    broker = await startTestBroker({ partitions: PARTITIONS });
    client = await TestClient.connect(broker);
    fleetStartedAt = Date.now();
    fleet = await startCameraFleet(broker, 1, ['--request-timeout-ms', AGENT_DEVICE_TIMEOUT_MS]);
    replica = await startReplica(broker, 'c1', ['--agent-timeout-ms', '300']);
    await waitFor('camera Idle', async () => ((await state()) === 'Idle' ? true : undefined), { timeoutMs: 20_000 });
  });

  afterAll(async () => {
    await fleet?.stop();
    await replica?.stop();
    await client?.close();
    await broker?.stop();
  });

  it('in doubt - a reply held past the agent timeout is answered in doubt, never refused; a retry with the same requestId asks the agent and runs nothing', async () => {
    const before = await hardware('start_exposure');
    // Replies take 2.5 s, longer than the agent timeout (300 ms) and the time the controller then spends asking.
    await simFault({ fault: 'slow', latencyMs: 2500 });
    const first = await command('start', 'doubt-1');
    expect(first).toMatchObject({ requestId: 'doubt-1', accepted: false, outcome: 'in-doubt', state: 'Idle' });
    expect(first.reason).toMatch(/^sent; outcome unknown: check the device's state/);
    expect(first.reason).not.toMatch(/refused|unreachable/);
    // The hardware did run it: this is why "refused" would have been a lie.
    await waitFor('start_exposure at the simulator', async () => ((await hardware('start_exposure')) === before + 1 ? true : undefined), { timeoutMs: 10_000 });
    const resolved = await waitFor('the retry resolved by the agent', async () => {
      const reply = await command('start', 'doubt-1');
      return reply.outcome === 'in-doubt' ? undefined : reply;
    }, { timeoutMs: 20_000, intervalMs: 300 });
    expect(resolved).toMatchObject({ requestId: 'doubt-1', accepted: true, outcome: 'accepted' });
    expect(await command('start', 'doubt-1')).toEqual(resolved);
    expect(await hardware('start_exposure')).toBe(before + 1);
    expect(await metricValue(replica as ControllerProcess, 'fleet_controller_commands_total', 'result="in-doubt"')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(replica as ControllerProcess, 'fleet_controller_commands_total', 'result="resolved"')).toBe(1);
    const events = await client.events({ deviceId: CAMERA });
    expect(events.filter((e) => e.type === 'command' && e.requestId === 'doubt-1').map((e) => (e.type === 'command' ? e.outcome : undefined))).toContain('in-doubt');
    await idle();
  });

  it('in doubt - a command left pending by a controller that died is resolved by asking the agent: run once, or never received and never run', async () => {
    await sleep(fleetStartedAt + AGENT_UPTIME_MS - Date.now());
    const kv = await new Kvm(client.nc).open('fleet_commands');
    const starts = await hardware('start_exposure');
    const stops = await hardware('stop_exposure');

    // A controller claimed it and sent it; the agent ran it; the controller died before the reply.
    await kv.put(commandKey('crashed-ran'), JSON.stringify(pendingRecord('crashed-ran', 'start')));
    const direct = await client.nc.request(subjects.deviceCommand(CAMERA), JSON.stringify({ requestId: 'crashed-ran', command: 'start_exposure' }), { timeout: 3000 });
    expect(DeviceCommandReplySchema.parse(direct.json())).toMatchObject({ ok: true });
    expect(await command('start', 'crashed-ran')).toMatchObject({ accepted: true, outcome: 'accepted' });
    expect(await hardware('start_exposure')).toBe(starts + 1);

    // A controller claimed it (the atomic create this one now loses) and died before sending it.
    await kv.put(commandKey('crashed-lost'), JSON.stringify(pendingRecord('crashed-lost', 'abort')));
    const lost = await command('abort', 'crashed-lost');
    expect(lost).toMatchObject({ accepted: false, outcome: 'refused', reason: expect.stringContaining('not delivered') });
    // Should the lost request still arrive, the agent refuses it: it can never run after "refused".
    const late = await client.nc.request(subjects.deviceCommand(CAMERA), JSON.stringify({ requestId: 'crashed-lost', command: 'stop_exposure' }), { timeout: 3000 });
    expect(DeviceCommandReplySchema.parse(late.json())).toMatchObject({ ok: false, error: expect.stringContaining('withdrawn') });
    expect(await command('abort', 'crashed-lost')).toEqual(lost);
    expect(await hardware('stop_exposure')).toBe(stops);
    await idle();
  });

  it('lease lost mid-call - the agent\'s "ok" stands: accepted, never "unknown device"', async () => {
    await replica?.stop();
    // Waits longer than the held reply, so the only thing going wrong is the lease.
    replica = await startReplica(broker, 'c2', ['--agent-timeout-ms', '8000']);
    await waitFor('c2 owning every partition', async () => ((await metricValue(replica as ControllerProcess, 'fleet_controller_partitions_owned')) === PARTITIONS ? true : undefined), { timeoutMs: 15_000 });
    await waitFor('camera Idle', async () => ((await state()) === 'Idle' ? true : undefined), { timeoutMs: 10_000 });
    const before = await hardware('start_exposure');
    await simFault({ fault: 'slow', latencyMs: 2000 });
    let answered = false;
    const reply = command('start', 'lease-1', 15_000).finally(() => (answered = true));
    await sleep(300);
    // Another owner takes the camera's partition while the hardware call is in flight, and keeps
    // it until the call is answered.
    const leases = await new Kvm(client.nc).open('fleet_partitions');
    while (!answered) {
      await leases.put(`p.${partitionOf(CAMERA, PARTITIONS)}`, JSON.stringify({ owner: 'thief' }));
      await sleep(200);
    }
    expect(await reply).toMatchObject({ requestId: 'lease-1', accepted: true, outcome: 'accepted', state: 'Exposing' });
    const logs = (replica as ControllerProcess).logs;
    expect(logs.some((l) => l.msg === 'partition lost')).toBe(true);
    expect(logs.some((l) => l.msg === 'device left this replica during the command' && l.requestId === 'lease-1')).toBe(true);
    expect(await hardware('start_exposure')).toBe(before + 1);
    await simFault({ fault: 'clear' });
  });
});
