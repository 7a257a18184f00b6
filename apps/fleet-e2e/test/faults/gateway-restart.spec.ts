import type { DeviceState, FleetSnapshot } from '@fleet/contracts';
import { recordRow } from './reliability-report';
import { ms, whenClient, within } from './support/client-watch';
import { useFaultFleet } from './support/fault-fleet';

jest.setTimeout(60_000);

const TARGET_SNAPSHOT_MS = 3000;
const ASSERT_SNAPSHOT_MS = 10_000;

/** deviceId -> state name, sorted: what an operator compares between two screens. */
function stateNames(states: readonly DeviceState[]): Array<[string, string]> {
  return states.map((s): [string, string] => [s.deviceId, s.state]).sort(([a], [b]) => a.localeCompare(b));
}

describe('faults - gateway restart', () => {
  const fleet = useFaultFleet({ cameras: 2, stages: 1 });

  it('the client reconnects by itself and gets a fresh snapshot that matches the controller', async () => {
    const f = fleet();
    const socket = f.operator.socket;
    let disconnectedAt: number | undefined;
    socket.once('disconnect', () => void (disconnectedAt = Date.now()));
    // The first snapshot after the restart, exactly as the client received it.
    const fresh = new Promise<{ at: number; snapshot: FleetSnapshot }>((resolve) => {
      socket.on('disconnect', () => socket.once('snapshot', (snapshot) => resolve({ at: Date.now(), snapshot })));
    });

    const restartAt = Date.now();
    await f.fleet.gateway.restart();
    const readyAt = Date.now();
    const { at, snapshot } = await within(fresh, ASSERT_SNAPSHOT_MS + 5000, 'a fresh snapshot at the client');
    const controller = await f.probe.controllerSnapshot();

    const snapshotMs = at - restartAt;
    const matches = JSON.stringify(stateNames(snapshot.states)) === JSON.stringify(stateNames(controller.devices));
    recordRow('gateway-restart', {
      fault: 'gateway restart',
      target: `client reconnects by itself with a fresh snapshot matching the controller's ≤ ${TARGET_SNAPSHOT_MS} ms`,
      measured: `${ms(snapshotMs)} from restart (gateway down→ready ${ms(readyAt - restartAt)}); ${snapshot.states.length} device states, ${matches ? 'match' : 'DIFFER FROM'} the controller`,
      pass: snapshotMs <= TARGET_SNAPSHOT_MS && matches,
    });
    expect(disconnectedAt).toBeDefined();
    expect(socket.connected).toBe(true);
    expect(snapshotMs).toBeLessThanOrEqual(ASSERT_SNAPSHOT_MS);
    expect(stateNames(snapshot.states)).toEqual(stateNames(controller.devices));
    expect(stateNames(snapshot.states).map(([id]) => id)).toEqual(f.fleet.devices.map((d) => d.deviceId).sort());
    // Statuses are not part of the controller's snapshot: the gateway relays them as agents
    // publish (10 Hz), so the screen has every device's live values within a few periods.
    const ids = f.fleet.devices.map((d) => d.deviceId);
    const live = await whenClient(f.operator, 'a status of every device after the restart', () => ids.every((id) => f.operator.statusesSince(id, at).length > 0 || snapshot.statuses.some((s) => s.deviceId === id)), 5000);
    console.log(`every device's live status at the client ${ms(live.at - restartAt)} after the restart began`);
  });
});
