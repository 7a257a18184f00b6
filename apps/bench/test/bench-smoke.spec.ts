import { startService } from '@fleet/fleet-runner';
import { connect } from '@nats-io/transport-node';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchResults } from '../src/report';

jest.setTimeout(240_000);

/** How a broker answers a client without credentials: `accepted`, or the reason it refused. */
function anonymousAttempt(url: string): Promise<string> {
  return connect({ servers: url.split(','), reconnect: false }).then(
    (nc) => nc.close().then(() => 'accepted'),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

/** Runs the built `npm run bench -- --quick` so the benchmark cannot rot unnoticed. */
describe('bench - quick smoke run', () => {
  it('measures a small fleet, a synthetic load and controller scale-out on locked brokers and writes JSON, markdown and SVG', async () => {
    const out = mkdtempSync(join(tmpdir(), 'fleet-bench-'));
    const lines: string[] = [];
    const anonymous: Array<Promise<string>> = [];
    const onLine = (_name: string, line: string): void => {
      lines.push(line);
      // Each broker a step starts is named as it starts: try it without credentials while the step runs.
      const url = / broker (\S+) \(identities only\)/.exec(line)?.[1];
      if (url) anonymous.push(anonymousAttempt(url));
    };
    const bench = await startService(
      { name: 'bench', entry: join(__dirname, '..', 'dist', 'main.js'), args: ['--quick', '--out', out] },
      { waitReady: false, baseEnv: { PATH: process.env.PATH }, onLine },
    );
    const deadline = Date.now() + 220_000;
    while (bench.running() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    expect(bench.running()).toBe(false);
    expect(lines.join('\n')).toMatch(/results: /);
    // Two fleet steps (process, dense), one synthetic, two scale-out: every broker refused an anonymous client.
    expect(await Promise.all(anonymous)).toEqual(Array(5).fill('Authorization Violation'));

    const json = readdirSync(out).find((f) => f.endsWith('.json'));
    expect(json).toBeDefined();
    const results: BenchResults = JSON.parse(readFileSync(join(out, json ?? ''), 'utf8'));
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.revision.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(results.argv).toEqual(['--quick', '--out', out]);
    expect(results.fleet.map((r) => r.agentMode)).toEqual(['process', 'dense']);
    for (const step of results.fleet) {
      expect(step.client.received).toBeGreaterThan(0);
      expect(step.client.deliveryRatio).toBeGreaterThan(0.9);
      expect(step.client.latencyMs.p50).toBeGreaterThan(0);
      expect(step.commandRttMs.count).toBeGreaterThan(0);
      expect(step.offlineDetectionMs.length).toBeGreaterThan(0);
      expect(step.roles.agents?.ussMaxMb).toBeGreaterThan(0);
    }
    expect(results.synthetic[0]?.client.received).toBeGreaterThan(0);
    expect(results.agentMemory?.finalUssMb).toBeGreaterThan(0);
    expect(results.scaleOut.map((r) => [r.replicas, r.devices])).toEqual([[1, 500], [2, 500]]);
    for (const run of results.scaleOut) {
      expect(run.handledPerSecond).toBeGreaterThan(0);
      expect(run.perReplica).toHaveLength(run.replicas);
      expect(run.perReplica.reduce((s, r) => s + r.partitions, 0)).toBe(16);
      for (const replica of run.perReplica) {
        expect(replica.handledPerSecond).toBeGreaterThan(0);
        expect(replica.rssMb).toBeGreaterThan(0);
      }
      expect(run.brokerCpuPercent).toBeGreaterThan(0);
    }
    const output = lines.join('\n');
    expect(output).toMatch(/500 devices \(5000\/s offered.*\): handled \d+\/s/);
    expect(output).toMatch(/scale-out: 5000 status\/s offered: 1 → 2 replicas handled \d+ → \d+\/s/);
    expect(output).toContain('How to read it');
    // The closing line is the verdict: it names missed steps, or says every step held.
    expect(output).toMatch(/(every step held its targets|\d+ of \d+ steps? missed (its|their) targets: )[^\n]*\n[^\n]*results: /);
    const md = readFileSync(join(out, 'latest.md'), 'utf8');
    expect(md).toContain('| process | 4 |');
    expect(md).toContain('## Controller scale-out');
    expect(md).toContain(`Commit: ${results.revision.commit}`);
    expect(md).toMatch(/^Verdict: /m);
    expect(md).toMatch(/\| 2 \| 500 \| 5000 \|/);
    const svgDir = readdirSync(out).find((f) => !f.includes('.'));
    expect(readdirSync(join(out, svgDir ?? '')).sort()).toEqual(['cpu.svg', 'latency.svg', 'memory.svg', 'modes.svg']);
  });
});
