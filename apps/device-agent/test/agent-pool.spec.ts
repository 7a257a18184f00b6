import { CLAIMS_BUCKET } from '@fleet/contracts';
import { Kvm } from '@nats-io/kv';
import { connect } from '@nats-io/transport-node';
import { startApp, startTestBroker, waitFor, type AppProcess, type TestBroker } from '@fleet/test-support';
import { FleetProbe, simPorts } from './support/fleet-probe';

const LEASE_MS = 2000;

/** Scaled agents (docker compose --scale, a Kubernetes Deployment) share one device pool. */
describe('device-agent - pool claims with a lease', () => {
  let broker: TestBroker;
  let probe: FleetProbe;
  let sim: AppProcess;
  const agents: AppProcess[] = [];

  const claimOf = (agent: AppProcess): string | undefined => {
    const line = agent.logs.find((l) => l.msg === 'claimed device from pool');
    return typeof line?.deviceId === 'string' ? line.deviceId : undefined;
  };
  const birthsOf = (deviceId: string) => probe.presence.filter((p) => p.type === 'birth' && p.deviceId === deviceId);

  beforeAll(async () => {
    broker = await startTestBroker();
    probe = await FleetProbe.connect(broker);
    sim = await startApp('sim', ['--cameras', '2', '--stages', '0', '--base-port', '0', ...broker.appArgs('sim')]);
    const ports = simPorts(sim);
    const pool = ['camera-1', 'camera-2'].map((id) => `${id}=camera@${ports.get(id)}`).join(',');
    for (let i = 0; i < 3; i++) {
      agents.push(
        await startApp('agent', ['--device-pool', pool, '--lease-ms', String(LEASE_MS), ...broker.appArgs('agent-pool')], { waitReady: false }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const agent of agents) await agent.service.kill();
    await sim?.service.kill();
    await probe?.close();
    await broker?.stop();
  });

  it('claim - two agents take distinct devices and the third waits as a spare', async () => {
    await waitFor('two claims', () => agents.filter(claimOf).length === 2, { timeoutMs: 10_000 });
    expect(agents.map(claimOf).filter(Boolean).sort()).toEqual(['camera-1', 'camera-2']);
    const spare = agents.find((a) => !claimOf(a));
    await waitFor('the spare says it waits', () => spare?.logs.some((l) => String(l.msg).startsWith('every pool device is claimed')));
    await waitFor('status from both devices', () => probe.of('camera-1').length > 0 && probe.of('camera-2').length > 0);
  });

  it('takeover - when the holder is killed, the spare takes its device within the lease time', async () => {
    const holder = agents.find((a) => claimOf(a) === 'camera-1');
    const spare = agents.find((a) => !claimOf(a));
    if (!holder || !spare) throw new Error('claims were not established');
    const birthsBefore = birthsOf('camera-1').length;
    const killedAt = Date.now();
    await holder.service.kill();
    await waitFor('the spare claims camera-1', () => claimOf(spare) === 'camera-1', { timeoutMs: LEASE_MS * 3 });
    const tookMs = Date.now() - killedAt;
    console.log(`spare took camera-1 ${tookMs} ms after the holder was killed (lease ${LEASE_MS} ms)`);
    expect(tookMs).toBeLessThanOrEqual(LEASE_MS + 1500);
    await waitFor('a birth from the spare', () => birthsOf('camera-1').length > birthsBefore);
    expect(birthsOf('camera-1').at(-1)?.type === 'birth' && birthsOf('camera-1').at(-1)).toMatchObject({ pid: spare.service.pid() });
    const since = Date.now();
    await waitFor('camera-1 status flows again', () => probe.of('camera-1').some((s) => s.ts > since && s.link === 'up'), { timeoutMs: 5000 });
  });

  it('release - a clean shutdown frees the device at once, without waiting for the lease', async () => {
    const holder = agents.find((a) => a.service.running() && claimOf(a) === 'camera-2');
    if (!holder) throw new Error('no holder of camera-2');
    const other = agents.find((a) => a.service.running() && a !== holder);
    expect(await holder.service.stop()).toBe(0);
    // The remaining agent serves camera-1; start a new spare and it must get camera-2 quickly.
    const ports = simPorts(sim);
    const pool = ['camera-1', 'camera-2'].map((id) => `${id}=camera@${ports.get(id)}`).join(',');
    const started = Date.now();
    const fresh = await startApp('agent', ['--device-pool', pool, '--lease-ms', String(LEASE_MS), ...broker.appArgs('agent-pool')], { waitReady: false });
    agents.push(fresh);
    await waitFor('the new agent claims camera-2', () => claimOf(fresh) === 'camera-2', { timeoutMs: LEASE_MS * 2 });
    expect(Date.now() - started).toBeLessThan(LEASE_MS);
    expect(other && claimOf(other)).toBe('camera-1');
  });

  it('lease lost - an agent whose claim was taken over exits with code 3 instead of serving the device twice', async () => {
    const holder = agents.find((a) => a.service.running() && claimOf(a) === 'camera-1');
    if (!holder) throw new Error('no holder of camera-1');
    const nc = await connect(broker.connectionOptions('agent-pool'));
    try {
      // Another pooled agent takes the key, as one would after a lease expired.
      const kv = await new Kvm(nc).open(CLAIMS_BUCKET);
      await kv.purge('camera-1');
      await kv.create('camera-1', 'someone-else');
      const lostAt = Date.now();
      await waitFor('the holder to exit', () => !holder.service.running(), { timeoutMs: LEASE_MS * 3 });
      console.log(`holder exited ${Date.now() - lostAt} ms after its claim was taken (lease ${LEASE_MS} ms)`);
      expect(holder.logs).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('pool lease lost') }));
      expect(await holder.service.stop()).toBe(3);
    } finally {
      await nc.close();
    }
  });
});
