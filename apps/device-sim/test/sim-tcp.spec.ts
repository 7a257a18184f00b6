import net from 'node:net';
import pino from 'pino';
import { startSimulator, type Simulator } from '../src/simulator';

/** A test client: sends lines, collects reply lines, knows when the device closed the connection. */
interface Client {
  send(line: string): void;
  /** Resolves with the next reply line, or `null` if the connection closes first. */
  nextLine(): Promise<string | null>;
  closed: Promise<void>;
  socket: net.Socket;
}

function connectClient(port: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const lines: string[] = [];
    const waiters: Array<(line: string | null) => void> = [];
    let buffer = '';
    let ended = false;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        const waiter = waiters.shift();
        if (waiter) waiter(line);
        else lines.push(line);
      }
    });
    const closed = new Promise<void>((done) =>
      socket.on('close', () => {
        ended = true;
        for (const waiter of waiters.splice(0)) waiter(null);
        done();
      }),
    );
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({
        socket,
        closed,
        send: (line) => socket.write(`${line}\n`),
        nextLine: () =>
          new Promise((done) => {
            const line = lines.shift();
            if (line !== undefined) done(line);
            else if (ended) done(null);
            else waiters.push(done);
          }),
      }),
    );
  });
}

describe('device-sim over TCP', () => {
  let sim: Simulator;
  const clients: Client[] = [];
  const portOf = (deviceId: string): number => {
    const device = sim.devices.find((d) => d.deviceId === deviceId);
    if (!device) throw new Error(`no ${deviceId}`);
    return device.port;
  };
  const client = async (deviceId: string): Promise<Client> => {
    const c = await connectClient(portOf(deviceId));
    clients.push(c);
    return c;
  };

  beforeEach(async () => {
    sim = await startSimulator({
      cameras: 1,
      stages: 1,
      basePort: 0,
      host: '127.0.0.1',
      homeMs: 50,
      speedMmPerS: 1000,
      log: pino({ level: 'silent' }),
    });
  });

  afterEach(async () => {
    for (const c of clients.splice(0)) c.socket.destroy();
    await sim.close();
  });

  it('camera quirk - get_exposing_time before any exposure drops the connection without a reply', async () => {
    const cam = await client('camera-1');
    cam.send('get_exposing_time');
    expect(await cam.nextLine()).toBeNull();
    await cam.closed;
    expect(sim.counts('camera-1')).toEqual({ get_exposing_time: 1 });
  });

  it('camera quirk - an empty line gets an empty reply, then the connection closes', async () => {
    const cam = await client('camera-1');
    cam.socket.write('\r\nget_state\n');
    expect(await cam.nextLine()).toBe('');
    expect(await cam.nextLine()).toBeNull();
    expect(sim.counts('camera-1')).toEqual({ '': 1 });
  });

  it('camera - clients share state: one starts an exposure, another sees it', async () => {
    const a = await client('camera-1');
    const b = await client('camera-1');
    a.send('start_exposure');
    expect(await a.nextLine()).toBe('ok');
    b.send('get_state');
    expect(await b.nextLine()).toBe('exposing');
    b.send('get_exposing_time');
    expect(Number(await b.nextLine())).toBeGreaterThanOrEqual(0);
  });

  it('stage - home then move_to reaches the target and idles there', async () => {
    const stage = await client('stage-1');
    const ask = async (line: string): Promise<string | null> => {
      stage.send(line);
      return stage.nextLine();
    };
    expect(await ask('move_to 10')).toBe('error not homed');
    expect(await ask('home')).toBe('ok');
    expect(await ask('get_state')).toBe('homing');
    await new Promise((r) => setTimeout(r, 80));
    expect(await ask('get_state')).toBe('idle');
    expect(await ask('move_to 100')).toBe('ok');
    expect(await ask('get_state')).toBe('moving');
    await new Promise((r) => setTimeout(r, 150));
    expect(await ask('get_state')).toBe('idle');
    expect(await ask('get_position')).toBe('100.000');
    expect(sim.counts('stage-1')).toEqual({ move_to: 2, home: 1, get_state: 4, get_position: 1 });
  });

  it('stage - injected fault is reported and cleared by reset', async () => {
    const stage = await client('stage-1');
    expect(sim.injectFault('stage-1')).toBe(true);
    stage.send('get_state');
    expect(await stage.nextLine()).toBe('fault');
    stage.send('reset');
    expect(await stage.nextLine()).toBe('ok');
    stage.send('get_state');
    expect(await stage.nextLine()).toBe('unhomed');
  });
});
