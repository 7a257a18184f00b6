import type { ClientToServerEvents, DeviceBatch, FleetSnapshot, ServerToClientEvents } from '@fleet/contracts';
import { freePort, startApp, type AppProcess, type BrokerAccess } from '@fleet/test-support';
import { io, type Socket } from 'socket.io-client';

/** Tokens every gateway under test accepts. */
export const OPERATOR = { user: 'olivia', role: 'operator', token: 'test-operator-secret' } as const;
export const VIEWER = { user: 'victor', role: 'viewer', token: 'test-viewer-secret' } as const;
export const TEST_TOKENS = [OPERATOR, VIEWER].map((t) => `${t.user}:${t.role}:${t.token}`).join(',');

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A built gateway on a free loopback port, with the test tokens and the `gateway` identity. */
export async function startGateway(broker: BrokerAccess, extraArgs: readonly string[] = []): Promise<{ app: AppProcess; port: number }> {
  const port = await freePort();
  const app = await startApp('gateway', [
    '--port', String(port),
    '--host', '127.0.0.1',
    ...broker.appArgs('gateway'),
    '--ui-dir', '/nonexistent/fleet-ui',
    '--tokens', TEST_TOKENS,
    ...extraArgs,
  ]);
  return { app, port };
}

/** A Socket.IO client over websocket, without automatic reconnection; `null` sends no token. */
export function openSocket(port: number, token: string | null): ClientSocket {
  return io(`http://127.0.0.1:${port}`, {
    transports: ['websocket'],
    reconnection: false,
    ...(token === null ? {} : { auth: { token } }),
  });
}

/** Resolves with the first snapshot the server sends. */
export function firstSnapshot(socket: ClientSocket): Promise<FleetSnapshot> {
  return new Promise((resolve) => socket.once('snapshot', resolve));
}

/** Resolves with the next `devices` batch. */
export function nextBatch(socket: ClientSocket): Promise<DeviceBatch> {
  return new Promise((resolve) => socket.once('devices', resolve));
}

/** The value of one metric series (e.g. `name{label="x"}`) from the gateway's `/metrics`; 0 when absent. */
export async function metricValue(port: number, series: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
