import { createServer, type Server } from 'node:http';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { SimDeviceInfo } from './simulator';

/** The simulator's `/metrics` and `/healthz` endpoint. */
export interface HttpEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

/** The simulator's Prometheus registry: process figures plus the devices served, by kind. */
function createRegistry(devices: readonly SimDeviceInfo[]): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const served = new Gauge({
    name: 'fleet_sim_devices',
    help: 'Simulated devices served, by kind',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  for (const device of devices) served.inc({ kind: device.kind });
  return registry;
}

/**
 * Serves GET /metrics (Prometheus text) and GET /healthz (200 once every device listens, which
 * is when this is started) on `host:port`. Plain node:http: the simulator needs no framework.
 */
export async function startHttpEndpoint(devices: readonly SimDeviceInfo[], host: string, port: number): Promise<HttpEndpoint> {
  const registry = createRegistry(devices);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ status: 'ok', devices: devices.length }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection must not hold the shutdown past its deadline.
        server.closeAllConnections();
      }),
  };
}
