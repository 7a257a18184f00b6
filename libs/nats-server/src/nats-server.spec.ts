import { connect } from 'node:net';
import { freePort } from './free-port';
import { NatsServerNotFoundError, findNatsServerBinary } from './find-binary';
import { startNatsServer } from './nats-server';

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('nats-server - lifecycle', () => {
  it('starts on a free port, restarts on the same port, and stops', async () => {
    const server = await startNatsServer();
    try {
      expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
      expect(await accepts(server.port)).toBe(true);
      expect(server.pid()).toEqual(expect.any(Number));
      await server.kill();
      expect(server.pid()).toBeUndefined();
      expect(await accepts(server.port)).toBe(false);
      await server.start();
      expect(await accepts(server.port)).toBe(true);
      await server.restart();
      expect(await accepts(server.port)).toBe(true);
    } finally {
      await server.stop();
    }
    expect(await accepts(server.port)).toBe(false);
  });
});

describe('nats-server - binary lookup', () => {
  it('explains how to get nats-server when it is missing', () => {
    expect(() => findNatsServerBinary('/nonexistent/nats-server')).toThrow(NatsServerNotFoundError);
  });

  it('hands out usable ports', async () => {
    const [a, b] = await Promise.all([freePort(), freePort()]);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });
});
