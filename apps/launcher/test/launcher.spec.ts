import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** The built launcher: Nx builds it (and every app it starts) before this project's tests. */
const LAUNCHER = join(__dirname, '..', 'dist', 'main.js');

/** Runs the launcher and collects its output until `until` matches a line (or it exits). */
function launch(args: readonly string[]): { child: ChildProcess; lines: string[]; waitFor(until: RegExp, timeoutMs: number): Promise<string> } {
  const child = spawn(process.execPath, [LAUNCHER, ...args], {
    env: { PATH: process.env.PATH, FLEET_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      for (const wake of waiters) wake();
    });
  }
  child.once('exit', () => {
    for (const wake of waiters) wake();
  });
  const waitFor = (until: RegExp, timeoutMs: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line matching ${until} within ${timeoutMs} ms:\n${lines.slice(-30).join('\n')}`)), timeoutMs);
      const check = (): void => {
        const found = lines.find((l) => until.test(l));
        if (found !== undefined) {
          clearTimeout(timer);
          resolve(found);
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`launcher exited with ${child.exitCode}:\n${lines.slice(-30).join('\n')}`));
        }
      };
      waiters.push(check);
      check();
    });
  return { child, lines, waitFor };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Stops a launcher a failed test left running the way a user would, so that it takes its fleet down. */
async function cleanUp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await Promise.race([exitCode(child), new Promise((r) => setTimeout(r, 15_000))]);
  child.kill('SIGKILL');
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('launcher - replicas and a local cluster', () => {
  it('starts two controllers on a 3-node cluster, says so, and stops everything on SIGTERM', async () => {
    const run = launch(['--cameras', '1', '--stages', '0', '--port', '0', '--controllers', '2', '--nats-nodes', '3', '--partitions', '8']);
    try {
      const starting = await run.waitFor(/^Starting the fleet/, 10_000);
      expect(starting).toContain('2 controllers, 8 partitions; local 3-node cluster');
      const up = await run.waitFor(/Fleet Control is up/, 60_000);
      expect(up).toMatch(/2 controllers, 8 partitions; local 3-node cluster nats:\/\/127\.0\.0\.1:\d+,nats:\/\/127\.0\.0\.1:\d+,nats:\/\/127\.0\.0\.1:\d+;/);
      for (const name of ['controller-1', 'controller-2', 'gateway', 'agent camera-1']) {
        expect({ name, ready: run.lines.some((l) => l.includes(` ${name} `) && / ready( |$)/.test(l)) }).toEqual({ name, ready: true });
      }
      const brokerPorts = [...up.matchAll(/nats:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
      expect(brokerPorts).toHaveLength(3);
      run.child.kill('SIGTERM');
      expect(await exitCode(run.child)).toBe(0);
      expect(await Promise.all(brokerPorts.map(accepts))).toEqual([false, false, false]);
    } finally {
      await cleanUp(run.child);
    }
  }, 90_000);

  it('refuses a cluster size for a broker it is given, before starting anything', async () => {
    const run = launch(['--nats-url', 'nats://127.0.0.1:1', '--nats-nodes', '3']);
    await expect(run.waitFor(/config: natsNodes: /, 10_000)).resolves.toContain('--nats-nodes');
    expect(await exitCode(run.child)).toBe(2);
  }, 20_000);
});
