import { SocketError } from '@fleet/contracts';
import { DEV_VIEWER_TOKEN } from '@fleet/fleet-runner';
import { FleetClient } from '../fleet-client';
import { recordRow } from './reliability-report';
import { sleep, whenClient } from './support/client-watch';
import { startFaultFleet, type FaultFleet } from './support/fault-fleet';
import { scrape, total } from './support/metrics';

jest.setTimeout(60_000);

describe('faults - viewer tries to command', () => {
  let f: FaultFleet;
  let viewer: FleetClient;

  beforeAll(async () => {
    f = await startFaultFleet({ cameras: 2, stages: 1 });
    viewer = new FleetClient(f.fleet.gatewayUrl, DEV_VIEWER_TOKEN);
    await whenClient(viewer, 'the viewer snapshot', () => viewer.snapshots > 0, 10_000);
  }, 60_000);

  afterAll(async () => {
    viewer?.close();
    await f?.stop();
  });

  it('is refused with "forbidden" and nothing reaches the controller', async () => {
    const commandsMetric = 'fleet_controller_commands_total';
    const metricBefore = total(await scrape(f.controllerMetricsUrl()), commandsMetric);
    const onWireBefore = f.probe.controlCommands;
    const hardwareBefore = [...f.probe.agentCommands.values()].flat().length;

    const attempts = [
      viewer.command({ deviceId: 'camera-1', command: 'start' }),
      viewer.command({ deviceId: 'camera-1', command: 'stop' }),
      viewer.command({ deviceId: 'stage-1', command: 'home' }),
      viewer.socket.timeout(5000).emitWithAck('alarm:ack', { alarmId: 'any-alarm' }),
    ];
    const replies = await Promise.all(attempts);
    // Anything that slipped through would need a moment to reach the controller and the agents.
    await sleep(1000);
    const leaks = f.probe.controlCommands - onWireBefore;
    const metricDelta = total(await scrape(f.controllerMetricsUrl()), commandsMetric) - metricBefore;
    const hardware = [...f.probe.agentCommands.values()].flat().length - hardwareBefore;
    const forbidden = replies.filter((r) => 'error' in r && r.error === SocketError.forbidden).length;
    recordRow('viewer-command', {
      fault: 'viewer tries to command',
      target: 'refused with "forbidden"; 0 leaks to the controller',
      measured: `${forbidden}/${replies.length} refused "forbidden"; ${leaks} on fleet.v1.control.command, controller commands_total +${metricDelta}, ${hardware} hardware commands`,
      pass: forbidden === replies.length && leaks === 0 && metricDelta === 0 && hardware === 0,
    });
    expect(replies).toEqual(attempts.map(() => ({ error: SocketError.forbidden })));
    expect([leaks, metricDelta, hardware]).toEqual([0, 0, 0]);
    expect([f.operator.stateOf('camera-1'), f.operator.stateOf('stage-1')]).toEqual(['Idle', 'Unhomed']);
    // The viewer still watches: statuses keep coming to it.
    const since = Date.now();
    await whenClient(viewer, 'a status at the viewer', () => viewer.statusesSince('camera-1', since).length > 0, 5000);
  });
});
