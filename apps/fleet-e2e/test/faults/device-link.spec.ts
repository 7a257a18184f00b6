import type { SimFaultRequest } from '@fleet/contracts';
import { recordRow } from './reliability-report';
import { ms, whenClient } from './support/client-watch';
import { useFaultFleet } from './support/fault-fleet';

jest.setTimeout(60_000);

const TARGET_FAULT_MS = 300;
/**
 * Generous assertion margin. A hang is noticed by the agent's request timeout (1.5 poll periods,
 * 150 ms at 10 Hz) after up to one 100 ms poll period; the report records the measured figure.
 */
const ASSERT_FAULT_MS = 1500;
/** Reconnects use capped exponential backoff (5 s cap by default) with jitter. */
const RECOVERY_TIMEOUT_MS = 15_000;

describe('faults - device link drops and hangs (simulator faults)', () => {
  const fleet = useFaultFleet({ cameras: 2, stages: 1 });

  /**
   * Injects `fault` and measures until the client shows the device in Fault with `link: down`
   * and a reason in its status; then clears it and waits for the device to be back up.
   */
  const injectAndMeasure = async (deviceId: string, fault: SimFaultRequest, reason: RegExp, row: string): Promise<void> => {
    const f = fleet();
    const client = f.operator;
    expect(client.stateOf(deviceId)).toBe('Idle');
    const injectedAt = Date.now();
    await f.probe.simFault(deviceId, fault);
    const seen = await whenClient(client, `${deviceId} Fault with link down`, () => {
      const status = client.statuses.get(deviceId);
      return client.stateOf(deviceId) === 'Fault' && status?.link === 'down' && status.linkReason !== undefined && status;
    }, 10_000);
    const faultMs = seen.at - injectedAt;
    recordRow('device-link', {
      fault: row,
      target: `Fault and link down with its reason shown at the client ≤ ${TARGET_FAULT_MS} ms`,
      measured: `${ms(faultMs)} (reason "${seen.value.linkReason}")`,
      pass: faultMs <= TARGET_FAULT_MS,
      note: faultMs <= TARGET_FAULT_MS ? undefined : faultNote(fault),
    });
    expect(seen.value.linkReason).toMatch(reason);
    expect(client.states.get(deviceId)?.link).toBe('down');
    expect(faultMs).toBeLessThanOrEqual(ASSERT_FAULT_MS);

    const clearedAt = Date.now();
    await f.probe.simFault(deviceId, { fault: 'clear' });
    const back = await whenClient(client, `${deviceId} back Idle with the link up`, () =>
      client.stateOf(deviceId) === 'Idle' && client.statuses.get(deviceId)?.link === 'up', RECOVERY_TIMEOUT_MS);
    recordRow('device-link', {
      fault: row,
      target: 'agent reconnects by itself after the fault clears (backoff ≤ 5 s cap)',
      measured: `${ms(back.at - clearedAt)} from clear to Idle, link up`,
      pass: true,
    });
  };

  it('link drops (device closes the link and refuses connects): Fault with the reason, reconnect after clear', async () => {
    await injectAndMeasure('camera-1', { fault: 'refuse' }, /^(closed by device|reset|refused)$/, 'device link drops');
  });

  it('device hangs (accepts, never answers): Fault with "timeout", reconnect after clear', async () => {
    await injectAndMeasure('camera-2', { fault: 'hang' }, /^timeout$/, 'device hangs');
  });

  it('a one-shot drop is reconnected at once and the device returns to Idle', async () => {
    const f = fleet();
    const before = f.operator.statuses.get('stage-1')?.counters.reconnects ?? 0;
    await f.probe.simFault('stage-1', { fault: 'drop' });
    await whenClient(f.operator, 'stage-1 reconnected', () => {
      const status = f.operator.statuses.get('stage-1');
      return status !== undefined && status.link === 'up' && status.counters.reconnects > before;
    }, RECOVERY_TIMEOUT_MS);
    expect(f.operator.stateOf('stage-1')).toBe('Unhomed');
  });
});

/** Why a fault can miss the 300 ms target, for the report. */
function faultNote(fault: SimFaultRequest): string {
  return fault.fault === 'hang'
    ? 'a hang is detected by the agent request timeout (150 ms at 10 Hz) after up to one poll period (100 ms), plus the controller and gateway hops; this run took longer'
    : 'slower than the target on this run; see the test log';
}
