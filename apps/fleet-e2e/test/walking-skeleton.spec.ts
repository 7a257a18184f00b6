import { startFleet, type Fleet } from '@fleet/fleet-runner';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import { FleetClient } from './fleet-client';

jest.setTimeout(60_000);

const STEP_MS = 600;

describe('fleet - end to end over a real broker, simulators, agents, controller and gateway', () => {
  let broker: TestBroker;
  let fleet: Fleet;
  let client: FleetClient;

  beforeAll(async () => {
    broker = await startTestBroker({ devices: ['camera-1', 'camera-2', 'stage-1'] });
    fleet = await startFleet({
      natsUrl: broker.url,
      credentials: broker.credentials,
      cameras: 2,
      stages: 1,
      gatewayPort: 0,
      stepMs: STEP_MS,
      searchPath: process.env.PATH,
    });
    client = new FleetClient(fleet.gatewayUrl);
    await waitFor('every device to leave Offline at the client', () =>
      fleet.devices.every((d) => {
        const state = client.stateOf(d.deviceId);
        return state !== undefined && state !== 'Offline';
      }),
      { timeoutMs: 15_000 },
    );
  });

  afterAll(async () => {
    client?.close();
    await fleet?.stop();
    await broker?.stop();
  });

  it('delivers every device status at about 10 Hz to the client', async () => {
    const since = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const { deviceId } of fleet.devices) {
      const got = client.statusesSince(deviceId, since);
      const rate = got.length / 3;
      console.log(`${deviceId}: ${rate.toFixed(1)} status/s at the client`);
      expect(rate).toBeGreaterThanOrEqual(8);
      const seqs = got.map((s) => s.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(client.invalid).toBe(0);
  });

  it('drives a camera Idle -> Exposing -> SavingImages -> Idle while its exposing time grows', async () => {
    const camera = 'camera-1';
    await waitFor('camera-1 Idle', () => client.stateOf(camera) === 'Idle');

    const started = await client.command({ deviceId: camera, command: 'start' });
    expect(started).toEqual({ data: expect.objectContaining({ accepted: true, state: 'Exposing' }) });
    await waitFor('Exposing at the client', () => client.stateOf(camera) === 'Exposing');

    const first = await waitFor('a first exposing time', () => {
      const t = client.statuses.get(camera)?.readings.exposingTime;
      return typeof t === 'number' && t > 0 ? t : undefined;
    });
    const later = await waitFor('the exposing time to grow', () => {
      const t = client.statuses.get(camera)?.readings.exposingTime;
      return typeof t === 'number' && t >= first + 0.3 ? t : undefined;
    });
    expect(later).toBeGreaterThan(first);

    const stopped = await client.command({ deviceId: camera, command: 'stop' });
    expect(stopped).toEqual({ data: expect.objectContaining({ accepted: true, state: 'SavingImages' }) });
    await waitFor('SavingImages at the client', () => client.stateOf(camera) === 'SavingImages');
    await waitFor('Idle after the saving step', () => client.stateOf(camera) === 'Idle', { timeoutMs: STEP_MS + 3000 });
  });

  it('refuses a stage command sent in the wrong state, with a reason', async () => {
    const stage = 'stage-1';
    await waitFor('stage-1 Unhomed', () => client.stateOf(stage) === 'Unhomed');
    const reply = await client.command({ deviceId: stage, command: 'move_to', args: { position: 10 } });
    expect(reply).toEqual({
      data: expect.objectContaining({ accepted: false, state: 'Unhomed', reason: 'stage is Unhomed; move_to is allowed in Ready' }),
    });
    expect(client.stateOf(stage)).toBe('Unhomed');
  });
});
