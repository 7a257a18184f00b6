import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partitionMappingsConfig } from '@fleet/contracts';
import { startNatsServer, type NatsServerHandle } from '@fleet/nats-server';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsAuthOptions } from './connection-auth';
import { inboxSubjectOf } from './inbox';
import { generateCredentials, type FleetCredentials } from './credentials';
import { fleetIdentities } from './identities';

const PARTITIONS = 4;

/** Whether a publish on `subject` by `nc` reaches a subscriber that may hear everything. */
async function delivered(nc: NatsConnection, watcher: NatsConnection, subject: string, listen: string): Promise<boolean> {
  const sub = watcher.subscribe(listen, { max: 1 });
  await watcher.flush();
  nc.publish(subject, '{}');
  await nc.flush();
  const timer = setTimeout(() => sub.unsubscribe(), 300);
  for await (const _ of sub) {
    clearTimeout(timer);
    return true;
  }
  return false;
}

describe('nats auth - a real nats-server 2.9 enforces the generated authorization', () => {
  let dir: string;
  let creds: FleetCredentials;
  let server: NatsServerHandle;
  const open: NatsConnection[] = [];
  const as = async (name: string): Promise<NatsConnection> => {
    const nc = await connect({ servers: server.url, ...natsAuthOptions(creds.filesFor(name)) });
    open.push(nc);
    return nc;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fleet-auth-spec-'));
    creds = generateCredentials(dir, fleetIdentities(['camera-1', 'camera-2'], { harness: true }), PARTITIONS);
    server = await startNatsServer({ searchPath: process.env.PATH, config: `${partitionMappingsConfig(PARTITIONS)}\n${creds.authorization}` });
  });

  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close()));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a client without credentials', async () => {
    await expect(connect({ servers: server.url, maxReconnectAttempts: 0 })).rejects.toThrow(/Authorization/i);
  });

  it('lets an agent publish its own device\'s status on the mapped subject and refuses another device\'s', async () => {
    const agent = await as('agent-camera-1');
    const watcher = await as('harness');
    expect(await delivered(agent, watcher, 'fleet.v1.device.camera-1.status', 'fleet.v1.device.camera-1.status.*')).toBe(true);
    expect(await delivered(agent, watcher, 'fleet.v1.device.camera-2.status', 'fleet.v1.device.camera-2.status.*')).toBe(false);
  });

  it('gives each identity an inbox of its own: its replies reach it, and another identity cannot subscribe to them', async () => {
    const controller = await as('controller');
    controller.subscribe('fleet.v1.control.snapshot', { callback: (_err, msg) => void msg.respond('{"devices":[]}') });
    await controller.flush();
    const automation = await as('automation');
    const gateway = await as('gateway');
    const prefix = natsAuthOptions(creds.filesFor('automation')).inboxPrefix ?? '';
    const refusals: string[] = [];
    let overheard = 0;
    for (const subject of ['_INBOX.>', `${prefix}.>`]) {
      gateway.subscribe(subject, {
        callback: (err) => {
          if (err) refusals.push(err.message);
          else overheard++;
        },
      });
    }
    await gateway.flush();
    expect((await automation.request('fleet.v1.control.snapshot', '{}', { timeout: 2000 })).string()).toBe('{"devices":[]}');
    await gateway.flush();
    expect(overheard).toBe(0);
    expect(refusals).toHaveLength(2);
    expect(refusals[0]).toMatch(/permissions violation for subscription to "_INBOX\.>"/i);
    expect(refusals[1]).toContain(`Subscription to "${inboxSubjectOf(prefix.slice('_INBOX_'.length))}"`);
  });

  it('lets the sim answer a fault request but publish nothing', async () => {
    const sim = await as('sim');
    const sub = sim.subscribe('fleet.v1.sim.*.fault', { callback: (_err, msg) => void msg.respond('{"ok":true}') });
    await sim.flush();
    const harness = await as('harness');
    expect((await harness.request('fleet.v1.sim.camera-1.fault', '{}', { timeout: 2000 })).string()).toBe('{"ok":true}');
    expect(await delivered(sim, harness, 'fleet.v1.device.camera-1.status', 'fleet.v1.device.>')).toBe(false);
    sub.unsubscribe();
  });
});
