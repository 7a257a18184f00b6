import net from 'node:net';

/**
 * A loopback camera speaking the prototype camera-server protocol, quirks included, for agent
 * integration tests. `quirks` counts connections dropped because of a bad request.
 */
export class FakeCamera {
  quirks = 0;
  /** How many times each command word other than the polls reached the camera. */
  readonly commands = new Map<string, number>();
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private startedAt: number | null = null;
  private exposing = false;

  /** Listens on `port` (0 = any free port); resolves with the bound port. */
  async listen(port = 0): Promise<number> {
    const server = net.createServer((socket) => this.serve(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (typeof address !== 'object' || address === null) throw new Error('no address');
    return address.port;
  }

  /** Stops listening and drops every connection. */
  close(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts.map((l) => l.trim())) {
        const reply = this.answer(line);
        if (reply === null) {
          this.quirks++;
          socket.end();
          return;
        }
        socket.write(`${reply}\n`);
      }
    });
  }

  private answer(line: string): string | null {
    const now = Date.now();
    if (line === 'start_exposure' || line === 'stop_exposure') this.commands.set(line, (this.commands.get(line) ?? 0) + 1);
    if (line === 'start_exposure') {
      [this.exposing, this.startedAt] = [true, now];
      return 'ok';
    }
    if (line === 'stop_exposure') {
      this.exposing = false;
      return 'ok';
    }
    if (line === 'get_state') return this.exposing ? 'exposing' : 'idle';
    if (line === 'get_exposing_time' && this.startedAt !== null) return ((now - this.startedAt) / 1000).toFixed(3);
    return null;
  }
}
