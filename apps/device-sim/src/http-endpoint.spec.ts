import { startHttpEndpoint } from './http-endpoint';

describe('device-sim http endpoint', () => {
  it('metrics - counts served devices by kind; healthz - answers 200', async () => {
    const devices = [
      { deviceId: 'camera-1', kind: 'camera', host: '127.0.0.1', port: 7000 },
      { deviceId: 'stage-1', kind: 'stage', host: '127.0.0.1', port: 7001 },
    ] as const;
    const http = await startHttpEndpoint(devices, '127.0.0.1', 0);
    try {
      const metrics = await fetch(`http://127.0.0.1:${http.port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('fleet_sim_devices{kind="camera"} 1');
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      const health = await fetch(`http://127.0.0.1:${http.port}/healthz`);
      expect(health.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${http.port}/nope`)).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
