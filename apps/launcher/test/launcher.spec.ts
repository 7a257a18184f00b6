import { dirname } from 'node:path';
import { startTestBroker } from '@fleet/test-support';
import { WARN_OR_WORSE, accepts, cleanUp, exitCode, launch } from './support/launcher-run';

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
      const stopping = run.lines.indexOf('SIGTERM: stopping the fleet...');
      expect(stopping).toBeGreaterThan(0);
      expect(run.lines.slice(stopping).filter((l) => WARN_OR_WORSE.test(l))).toEqual([]);
      expect(await Promise.all(brokerPorts.map(accepts))).toEqual([false, false, false]);
    } finally {
      await cleanUp(run.child);
    }
  }, 90_000);

  it('refuses a cluster size for a broker it is given, before starting anything', async () => {
    const run = launch(['--nats-url', 'nats://127.0.0.1:1', '--nats-nodes', '3']);
    await expect(run.waitFor(/--nats-nodes: /, 10_000)).resolves.toContain('--nats-url');
    expect(await exitCode(run.child)).toBe(2);
  }, 20_000);
});

describe('launcher - a locked broker it is given', () => {
  it('runs the fleet on it with a keys folder, each process as its own identity', async () => {
    const broker = await startTestBroker({ devices: ['camera-1'] });
    // The test broker's keys folder holds `<identity>.nk`, as `npm run deploy:keys` writes one.
    const keys = dirname(broker.credentials('controller').nkeyFile ?? '');
    const run = launch(['--cameras', '1', '--stages', '1', '--port', '0', '--nats-url', broker.url, '--nats-keys-dir', keys]);
    try {
      await run.waitFor(/Fleet Control is up/, 60_000);
      for (const name of ['controller', 'gateway', 'agent camera-1', 'agent stage-1']) {
        expect({ name, ready: run.lines.some((l) => l.includes(` ${name} `) && / ready( |$)/.test(l)) }).toEqual({ name, ready: true });
      }
      expect(run.lines.filter((l) => /authorization|permissions violation/i.test(l))).toEqual([]);
      run.child.kill('SIGTERM');
      expect(await exitCode(run.child)).toBe(0);
    } finally {
      await cleanUp(run.child);
      await broker.stop();
    }
  }, 90_000);
});
