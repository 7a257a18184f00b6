import { randomUUID } from 'node:crypto';
import { EVENTS_STREAM, subjects } from '@fleet/contracts';
import { startFleet, type Fleet } from '@fleet/fleet-runner';
import { natsAuthOptions } from '@fleet/nats-auth';
import { waitFor } from '@fleet/test-support';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { probeConnection, tryOverhear, tryPublish, tryRequest } from './broker-probe';
import { writeSecuritySection, type SecurityRow } from './security-report';

// Starting a whole fleet takes several seconds on a busy 2-core machine.
jest.setTimeout(90_000);

const rows: SecurityRow[] = [];
const refusedText = (r: { delivered: boolean; error: string | undefined }): string => (r.delivered ? 'delivered' : `not delivered${r.error ? ` (${r.error.slice(0, 80)})` : ''}`);

/** Records a row and asserts it. */
function record(row: SecurityRow): void {
  rows.push(row);
  expect(row).toMatchObject({ pass: true });
}

describe('security - the broker enforces each identity\'s rights on a fleet started as npm start starts it', () => {
  let fleet: Fleet;
  const open: NatsConnection[] = [];
  const as = async (identity: string): Promise<NatsConnection> => {
    const nc = await probeConnection(fleet.natsServers, natsAuthOptions(fleet.authFiles(identity)), `probe ${identity}`);
    open.push(nc);
    return nc;
  };

  // Kept so that afterAll stops the fleet even when beforeAll timed out while it was starting.
  let starting: Promise<Fleet> | undefined;

  beforeAll(async () => {
    starting = startFleet({ cameras: 1, stages: 1, gatewayPort: 0, searchPath: process.env.PATH, env: { FLEET_LOG_LEVEL: 'warn' } });
    fleet = await starting;
    const controller = await as('controller');
    const jsm = await jetstreamManager(controller);
    await waitFor('stream FLEET_EVENTS to hold the start-up events', async () => (await jsm.streams.info(EVENTS_STREAM)).state.messages > 0, { timeoutMs: 15_000 });
  });

  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
    await (await starting?.catch(() => undefined))?.stop();
    if (rows.length > 0) writeSecuritySection(rows);
  });

  it('refuses a client without credentials', async () => {
    const outcome = await probeConnection(fleet.natsServers, {}, 'anonymous').then(
      async (nc) => {
        await nc.close();
        return 'connected';
      },
      (err: unknown) => `refused (${err instanceof Error ? err.message : String(err)})`,
    );
    record({ probe: 'unauthenticated NATS client', target: 'connection refused', measured: outcome, pass: outcome.startsWith('refused') });
  });

  it('lets an agent publish its own device\'s status, and nothing for another device', async () => {
    const agent = await as('agent-camera-1');
    const controller = await as('controller');
    const own = await tryPublish(agent, controller, subjects.deviceStatus('camera-1'), 'fleet.v1.device.camera-1.status.*');
    record({ probe: 'agent credentials, its own device\'s status', target: 'delivered (allowed path)', measured: own.delivered ? 'delivered' : refusedText(own), pass: own.delivered });
    const other = await tryPublish(agent, controller, subjects.deviceStatus('stage-1'), 'fleet.v1.device.stage-1.status.*', { deviceId: 'stage-1', link: 'up', hwState: 'fault' });
    record({ probe: 'agent credentials used for another device (spoofed status)', target: 'not delivered', measured: refusedText(other), pass: !other.delivered });
  });

  it('lets no agent command a device, touch the event stream or forge state', async () => {
    const agent = await as('agent-camera-1');
    const gateway = await as('gateway');
    const cmd = await tryRequest(agent, subjects.deviceCommand('stage-1'), JSON.stringify({ requestId: randomUUID(), command: 'home', args: {} }));
    record({ probe: 'agent commands another device (`device.stage-1.cmd`)', target: 'refused', measured: cmd.error ?? `answered ${cmd.reply ?? ''}`, pass: cmd.reply === undefined });
    const event = await tryPublish(agent, gateway, subjects.event('camera-1'), subjects.allEvents, { type: 'forged' });
    record({ probe: 'agent forges an event (`event.camera-1`)', target: 'not delivered, not stored', measured: refusedText(event), pass: !event.delivered });
    const state = await tryPublish(agent, gateway, subjects.controlState('camera-1'), subjects.allControlState, { state: 'Idle' });
    record({ probe: 'agent forges a state (`control.state.camera-1`)', target: 'not delivered', measured: refusedText(state), pass: !state.delivered });
  });

  it('lets nobody but the controller purge or delete the event stream', async () => {
    const controller = await as('controller');
    const jsm = await jetstreamManager(controller);
    const before = (await jsm.streams.info(EVENTS_STREAM)).state.messages;
    for (const identity of ['agent-camera-1', 'agent-pool', 'gateway', 'sim', 'automation']) {
      const nc = await as(identity);
      const purge = await tryRequest(nc, `$JS.API.STREAM.PURGE.${EVENTS_STREAM}`, '');
      const del = await tryRequest(nc, `$JS.API.STREAM.DELETE.${EVENTS_STREAM}`, '');
      const after = (await jsm.streams.info(EVENTS_STREAM)).state.messages;
      const refused = purge.reply === undefined && del.reply === undefined && after >= before;
      record({
        probe: `${identity} purges / deletes stream FLEET_EVENTS`,
        target: 'refused, events kept',
        measured: `${purge.error ?? 'answered'}; ${after} events kept (were ${before})`,
        pass: refused,
      });
    }
  });

  it('lets the gateway not command a device directly, and the sim publish nothing', async () => {
    const gateway = await as('gateway');
    const sim = await as('sim');
    const controller = await as('controller');
    const cmd = await tryRequest(gateway, subjects.deviceCommand('stage-1'), JSON.stringify({ requestId: randomUUID(), command: 'home', args: {} }));
    record({ probe: 'gateway commands a device directly (past the controller)', target: 'refused', measured: cmd.error ?? `answered ${cmd.reply ?? ''}`, pass: cmd.reply === undefined });
    const status = await tryPublish(sim, controller, subjects.deviceStatus('camera-1'), 'fleet.v1.device.camera-1.status.*');
    record({ probe: 'sim credentials publish a status', target: 'not delivered', measured: refusedText(status), pass: !status.delivered });
    const command = await tryRequest(sim, subjects.controlCommand, JSON.stringify({ deviceId: 'stage-1', command: 'home', requestId: randomUUID(), user: 'someone-else' }));
    record({ probe: 'sim credentials send an operator command', target: 'refused', measured: command.error ?? `answered ${command.reply ?? ''}`, pass: command.reply === undefined });
  });

  it('takes operator commands with a user name only from the gateway and the automation identity', async () => {
    const agent = await as('agent-camera-1');
    const forged = await tryRequest(agent, subjects.controlCommand, JSON.stringify({ deviceId: 'stage-1', command: 'home', requestId: randomUUID(), user: 'someone-else' }));
    record({ probe: 'agent credentials send `control.command` as "someone-else"', target: 'refused', measured: forged.error ?? `answered ${forged.reply ?? ''}`, pass: forged.reply === undefined });
    const automation = await as('automation');
    const allowed = await tryRequest(automation, subjects.controlCommand, JSON.stringify({ deviceId: 'stage-1', command: 'home', requestId: randomUUID(), user: 'automation' }));
    record({ probe: 'automation identity sends `control.command` (allowed path)', target: 'answered by the controller', measured: allowed.reply ? `answered: ${allowed.reply.slice(0, 80)}` : (allowed.error ?? ''), pass: allowed.reply !== undefined });
    const snapshot = await tryRequest(await as('gateway'), subjects.controlSnapshot, '{}');
    record({ probe: 'gateway asks for a snapshot (allowed path)', target: 'answered', measured: snapshot.reply ? 'answered' : (snapshot.error ?? ''), pass: snapshot.reply !== undefined });
  });

  it('keeps each identity\'s replies private: no other identity can subscribe to its inbox', async () => {
    const gateway = await as('gateway');
    const prefix = natsAuthOptions(fleet.authFiles('gateway')).inboxPrefix ?? '_INBOX';
    const gatewayInbox = `${prefix}.>`;
    const shown = (error: string): string => error.replace(prefix, '_INBOX_<gateway key>').slice(0, 80);
    for (const identity of ['automation', 'agent-pool', 'controller']) {
      for (const listen of [gatewayInbox, '_INBOX.>']) {
        const r = await tryOverhear(await as(identity), listen, gateway, subjects.controlSnapshot, '{}');
        const who = listen === gatewayInbox ? 'the gateway\'s inbox' : 'the shared `_INBOX.>`';
        record({
          probe: `${identity} credentials subscribe to ${who} while the gateway asks for a snapshot`,
          target: 'subscription refused, nothing heard; the gateway answered',
          measured: `${r.error ? `refused (${shown(r.error)})` : 'subscribed'}; ${r.overheard} messages heard; gateway ${r.reply ? 'answered' : 'not answered'}`,
          pass: r.error !== undefined && r.overheard === 0 && r.reply !== undefined,
        });
      }
    }
  });
});
