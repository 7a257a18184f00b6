import { ControlCommandReplySchema, type AckResult, type ControlCommandReply, type SocketCommand } from '@fleet/contracts';
import { waitFor } from '@fleet/test-support';
import type { FleetClient } from '../fleet-client';
import { recordRow } from './reliability-report';
import { ms, whenClient } from './support/client-watch';
import { useFaultFleet } from './support/fault-fleet';
import { exposureRestarts } from './support/exposure';

jest.setTimeout(90_000);

const TARGET_RESUME_MS = 3000;
const ASSERT_RESUME_MS = 10_000;

/** Sends `command` with its own fixed requestId, as a client retrying after a failure would. */
function sendCommand(client: FleetClient, command: SocketCommand, timeoutMs = 10_000): Promise<AckResult<ControlCommandReply>> {
  return client.socket.timeout(timeoutMs).emitWithAck('command', command);
}

describe('faults - broker restart', () => {
  const fleet = useFaultFleet({ cameras: 2, stages: 1 });

  it('every process reconnects by itself, status resumes, and a command accepted just before runs exactly once', async () => {
    const f = fleet();
    const camera = 'camera-1';
    const ids = f.fleet.devices.map((d) => d.deviceId);
    const command: SocketCommand = { deviceId: camera, command: 'start', requestId: 'faults-broker-restart-start-1' };
    const commandAt = Date.now();
    const first = await sendCommand(f.operator, command);
    expect(first).toEqual({ data: expect.objectContaining({ accepted: true, state: 'Exposing' }) });

    const restartAt = Date.now();
    await f.broker.restart();
    const brokerUpAt = Date.now();
    console.log(`broker (${f.broker.via}) down and up again in ${ms(brokerUpAt - restartAt)}`);

    // Status resumes at the client for every device: agents and gateway reconnected.
    const resumed = await Promise.all(
      ids.map((id) =>
        whenClient(f.operator, `a status of ${id} after the restart`, () => f.operator.statusesSince(id, brokerUpAt).length > 0, ASSERT_RESUME_MS + 5000),
      ),
    );
    const resumeMs = Math.max(...resumed.map((r) => r.at)) - brokerUpAt;
    recordRow('broker-restart', {
      fault: 'broker restart',
      target: `status resumes at the client for every device ≤ ${TARGET_RESUME_MS} ms after the broker is back`,
      measured: `${ms(resumeMs)} (broker outage ${ms(brokerUpAt - restartAt)})`,
      pass: resumeMs <= TARGET_RESUME_MS,
    });
    expect(resumeMs).toBeLessThanOrEqual(ASSERT_RESUME_MS);

    // The controller and the simulator's fault control reconnected too: both answer on NATS.
    await waitFor('the controller to answer its snapshot', () => f.probe.controllerSnapshot(), { timeoutMs: 10_000 });
    await waitFor('the simulator fault control', () => f.probe.simFault(camera, { fault: 'query' }), { timeoutMs: 10_000 });
    // The operator's screen agrees with the controller and the hardware: the camera is exposing.
    const controllerView = (await f.probe.controllerSnapshot()).devices.find((d) => d.deviceId === camera);
    const shown = await whenClient(f.operator, `${camera} Exposing`, () => f.operator.stateOf(camera) === 'Exposing', 5000).catch(() => undefined);
    const screen = f.operator.states.get(camera);
    console.log(`after the restart: client shows ${screen?.state} (since ${screen?.since}), controller has ${controllerView?.state} (since ${controllerView?.since}), hardware ${f.operator.statuses.get(camera)?.hwState}`);
    expect([screen?.state, controllerView?.state, f.operator.statuses.get(camera)?.hwState]).toEqual(['Exposing', 'Exposing', 'exposing']);
    expect(shown).toBeDefined();

    // The client retries the same requestId: it gets the first reply, and the hardware saw one start.
    const retry = await sendCommand(f.operator, command);
    expect(ControlCommandReplySchema.safeParse('data' in retry ? retry.data : undefined).success).toBe(true);
    expect(retry).toEqual(first);
    const sent = f.probe.hardwareCount(camera, 'start_exposure');
    const executed = (await f.probe.simFault(camera, { fault: 'query' })).stats.commands.start_exposure ?? 0;
    const restarts = exposureRestarts(f.operator.statusesSince(camera, commandAt));
    recordRow('broker-restart', {
      fault: 'broker restart',
      target: 'a command accepted just before the restart, retried after it, executes exactly once',
      measured: `start_exposure executed by the simulated camera ${executed}× (sent to its agent ${sent}×); exposure restarted ${restarts}×; retry got the first reply`,
      pass: executed === 1 && sent === 1 && restarts === 0,
      note: 'counted at the simulator, on fleet.v1.device.camera-1.cmd, and by the camera exposing time',
    });
    expect(executed).toBe(1);
    expect(sent).toBe(1);
    expect(restarts).toBe(0);
    for (const { deviceId, agent } of f.fleet.devices) expect([deviceId, agent.running()]).toEqual([deviceId, true]);
    expect([f.fleet.sim.running(), f.fleet.controller.running(), f.fleet.gateway.running()]).toEqual([true, true, true]);
  });
});
