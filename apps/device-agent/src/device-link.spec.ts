import net from 'node:net';
import pino from 'pino';
import { Backoff } from './backoff';
import { DeviceLink } from './device-link';

/** A loopback device answering each line with `answer(line)` (`undefined` = stay silent). */
async function fakeDevice(answer: (line: string) => string | undefined): Promise<{ port: number; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        received.push(line);
        const reply = answer(line);
        if (reply !== undefined) socket.write(`${reply}\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error('condition not met in 2 s');
};

describe('device-link', () => {
  const log = pino({ level: 'silent' });
  const fixedBackoff = () => new Backoff({ baseMs: 20, capMs: 20, random: () => 0.5 });
  let link: DeviceLink | undefined;
  afterEach(() => link?.close());

  it('is down with reason refused when nothing listens, and fails requests fast', async () => {
    const device = await fakeDevice(() => 'ok');
    const port = device.port;
    await device.close();
    link = new DeviceLink({ host: '127.0.0.1', port, requestTimeoutMs: 100, log, backoff: fixedBackoff() });
    link.start();
    await until(() => link?.downReason === 'refused');
    expect(await link.request('get_state', 'poll')).toEqual({ ok: false, error: 'link down: refused' });
  });

  it('serializes requests, commands ahead of queued polls', async () => {
    const device = await fakeDevice((l) => `re ${l}`);
    try {
      link = new DeviceLink({ host: '127.0.0.1', port: device.port, requestTimeoutMs: 500, log });
      link.start();
      await until(() => link?.isConnected === true);
      const replies = await Promise.all([
        link.request('p1', 'poll'),
        link.request('p2', 'poll'),
        link.request('c1', 'command'),
      ]);
      expect(replies).toEqual([
        { ok: true, line: 're p1' },
        { ok: true, line: 're p2' },
        { ok: true, line: 're c1' },
      ]);
      expect(device.received).toEqual(['p1', 'c1', 'p2']);
    } finally {
      await device.close();
    }
  });

  it('times out a silent device, goes down with reason timeout, then reconnects', async () => {
    const device = await fakeDevice((l) => (l === 'hang' ? undefined : 'ok'));
    try {
      link = new DeviceLink({ host: '127.0.0.1', port: device.port, requestTimeoutMs: 50, log, backoff: fixedBackoff() });
      link.start();
      await until(() => link?.isConnected === true);
      // The hung line reached the device (it may have acted); the one queued behind it did not.
      const [hung, queued] = await Promise.all([link.request('hang', 'poll'), link.request('get_state', 'command')]);
      expect(hung).toEqual({ ok: false, error: 'link down: timeout', sent: true });
      expect(queued).toEqual({ ok: false, error: 'link down: timeout' });
      expect(link.downReason).toBe('timeout');
      expect(link.counters.timeouts).toBe(1);
      await until(() => link?.isConnected === true);
      // Connected again, but not up until the device proves it answers: a hung device stays down.
      expect([link.isUp, link.downReason]).toEqual([false, 'timeout']);
      expect(await link.request('get_state', 'poll')).toEqual({ ok: true, line: 'ok' });
      expect([link.isUp, link.downReason]).toEqual([true, undefined]);
      expect(link.counters.reconnects).toBe(1);
    } finally {
      await device.close();
    }
  });

  it('reports closed by device', async () => {
    const device = await fakeDevice(() => 'ok');
    link = new DeviceLink({ host: '127.0.0.1', port: device.port, requestTimeoutMs: 500, log, backoff: fixedBackoff() });
    link.start();
    await until(() => link?.isConnected === true);
    await device.close();
    await until(() => link?.downReason === 'closed by device');
  });

  it('goes down with a protocol error on an unsolicited reply', async () => {
    const device = await fakeDevice(() => 'ok\nextra');
    try {
      link = new DeviceLink({ host: '127.0.0.1', port: device.port, requestTimeoutMs: 500, log, backoff: new Backoff({ baseMs: 5000, capMs: 5000, random: () => 0.99 }) });
      link.start();
      await until(() => link?.isConnected === true);
      expect(await link.request('get_state', 'poll')).toEqual({ ok: true, line: 'ok' });
      expect(link.downReason).toBe('protocol error: unsolicited reply');
    } finally {
      await device.close();
    }
  });
});
