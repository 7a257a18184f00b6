import type { SimFaultRequest, SimFaultState } from '@fleet/contracts';
import type { SimDevice } from './device-sim';
import type { LineServer } from './line-server';

/** A device and the server that carries its link: what a fault acts on. */
export interface FaultTarget {
  readonly device: SimDevice;
  readonly server: LineServer;
}

/** The faults in force on `target`. */
export function faultState(target: FaultTarget, now: number): SimFaultState {
  const { faults, refusing } = target.server;
  return {
    refuse: refusing,
    hang: faults.hang,
    latencyMs: faults.latencyMs,
    garbage: faults.garbage,
    device: target.device.inFault(now),
  };
}

/**
 * Applies one fault request. Faults add up (a device can be slow and garbage at once) until
 * `clear`, which ends all of them and listens again. Rejects only when a refused port cannot be
 * bound again.
 */
export async function applyFault(target: FaultTarget, request: SimFaultRequest, now: number): Promise<void> {
  const { server, device } = target;
  switch (request.fault) {
    case 'drop':
      server.dropConnections();
      return;
    case 'refuse':
      await server.refuse();
      return;
    case 'hang':
      server.faults.hang = true;
      return;
    case 'slow':
      server.faults.latencyMs = request.latencyMs;
      return;
    case 'garbage':
      server.faults.garbage = true;
      return;
    case 'device':
      device.injectFault(now);
      return;
    case 'clear':
      Object.assign(server.faults, { hang: false, latencyMs: 0, garbage: false });
      device.clearFault(now);
      await server.accept();
      return;
    case 'query':
      return;
  }
}
