import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_PARTITIONS, subjects } from '@fleet/contracts';
import { startService, type LocalBroker, type Service } from '@fleet/fleet-runner';
import { natsAuthOptions } from '@fleet/nats-auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { credentialArgs, startBenchBroker } from '../src/bench-broker';

const ENTRY = join(__dirname, '..', 'dist', 'load-generator.js');
const baseEnv = { PATH: process.env.PATH };

/** Runs the built load generator (the bench starts the same file). */
function startLoad(args: readonly string[]): Promise<Service> {
  return startService({ name: 'load', entry: ENTRY, args: [...args] }, { baseEnv });
}

describe('bench - locked broker and load generator', () => {
  let broker: LocalBroker;
  let url = '';
  beforeAll(async () => {
    broker = await startBenchBroker({ partitions: DEFAULT_PARTITIONS, searchPath: process.env.PATH });
    url = broker.servers.join(',');
  });
  afterAll(() => broker?.stop());

  it('the bench broker refuses an anonymous client', async () => {
    await expect(connect({ servers: [...broker.servers], reconnect: false })).rejects.toThrow(/Authorization Violation/);
  });

  it('publishes status for made-up device ids as the load identity, which the controller identity receives', async () => {
    const files = broker.credentials?.filesFor('controller');
    if (!files) throw new Error('the bench broker has no credentials');
    const controller: NatsConnection = await connect({ servers: [...broker.servers], ...natsAuthOptions(files), reconnect: false });
    let load: Service | undefined;
    try {
      // The controller's own subscription: status as the partitioned broker delivers it.
      const sub = controller.subscribe(subjects.allDeviceStatusPartitioned);
      await controller.flush();
      load = await startLoad(['--nats-url', url, ...credentialArgs(broker, 'load'), '--devices', '3', '--prefix', 'auth']);
      const seen = new Set<string>();
      const timer = setTimeout(() => sub.unsubscribe(), 15_000);
      for await (const msg of sub) {
        seen.add(msg.subject.split('.')[3] ?? '');
        if (seen.size === 3) break;
      }
      clearTimeout(timer);
      expect([...seen].sort()).toEqual(['auth-00001', 'auth-00002', 'auth-00003']);
    } finally {
      await load?.stop();
      await controller.close();
    }
  });

  it('without credentials the broker refuses it and it never gets ready', async () => {
    await expect(startLoad(['--nats-url', url, '--devices', '1'])).rejects.toThrow(/Authorization Violation/);
  });

  it('stops with exit code 2 naming the flag when its key file cannot be read', () => {
    const run = spawnSync(process.execPath, [ENTRY, '--nats-url', url, '--devices', '1', '--nats-nkey-file', '/nonexistent/load.nk'], {
      env: baseEnv,
      encoding: 'utf8',
      timeout: 15_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('bench-load: --nats-nkey-file /nonexistent/load.nk cannot be read (ENOENT)');
  });
});
