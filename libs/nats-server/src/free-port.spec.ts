import { createServer, type Server } from 'node:net';
import { ephemeralRangeStart, freePort } from './free-port';

describe('free-port', () => {
  it('hands out bindable ports below the ephemeral range, never the same one twice', async () => {
    const start = ephemeralRangeStart();
    const ports = [];
    for (let i = 0; i < 50; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(50);
    for (const port of ports) expect(port).toBeLessThan(start);
  });

  it('skips a port another server is listening on', async () => {
    const range = ephemeralRangeStart() - 20_000;
    const server: Server = createServer();
    let taken = 0;
    for (let i = 0; taken === 0 && i < 100; i++) {
      const port = 20_000 + Math.floor(Math.random() * range);
      taken = await new Promise<number>((resolve) => {
        server.once('error', () => resolve(0));
        server.listen(port, '127.0.0.1', () => resolve(port));
      });
    }
    try {
      const picks = [(taken - 20_000 + 0.5) / range];
      expect(await freePort(() => picks.shift() ?? Math.random())).not.toBe(taken);
    } finally {
      server.close();
    }
  });

  it('reads the range start from the kernel setting, with a fallback', () => {
    expect(ephemeralRangeStart(() => '49152\t65535\n')).toBe(49152);
    expect(ephemeralRangeStart(() => 'garbage')).toBe(32768);
    expect(ephemeralRangeStart(() => {
      throw new Error('no /proc');
    })).toBe(32768);
  });
});
