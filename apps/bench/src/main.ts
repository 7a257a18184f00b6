import { DEFAULT_DEV_TOKENS, DEV_OPERATOR_TOKEN } from '@fleet/fleet-runner';
import { findNatsServerBinary } from '@fleet/nats-server';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureAgentMemory } from './agent-memory';
import { loadConfig } from './config';
import { runFleetStep } from './fleet-step';
import { describeMachine } from './machine';
import { consoleProgress } from './progress';
import { charts, markdown, type BenchResults } from './report';
import { runSyntheticStep } from './synthetic-step';

/** `npm run bench`: the scale curve, written to bench/results. Ctrl-C stops after the current step. */
async function main(): Promise<void> {
  const parsed = loadConfig(process.argv.slice(2), process.env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`config: ${issue.path.join('.')}: ${issue.message}`);
    process.exit(2);
  }
  const config = parsed.data;
  const progress = consoleProgress();
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
    progress.line('interrupted: finishing the current step, then writing what was measured');
  });
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    quick: config.quick,
    machine: describeMachine(findNatsServerBinary(undefined, config.path)),
    fleet: [],
    synthetic: [],
    failedSteps: [],
    agentMemory: null,
  };
  const common = { token: DEV_OPERATOR_TOKEN, searchPath: config.path, progress };

  if (config.agentMemorySeconds > 0) results.agentMemory = await measureAgentMemory(config.agentMemorySeconds, config.path, progress);
  for (const agentMode of config.agentModes) {
    for (const devices of config.steps) {
      if (interrupted) break;
      try {
        results.fleet.push(
          await runFleetStep({ ...common, devices, agentMode, seconds: config.stepSeconds, fanoutClients: config.fanoutClients }),
        );
      } catch (error) {
        // A fleet too big to start on this machine is a finding, not a crash: record it and stop this mode.
        const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
        progress.line(`  ${devices} devices (${agentMode}) could not run: ${why}`);
        results.failedSteps.push({ kind: 'fleet', devices, agentMode, error: why ?? 'unknown' });
        break;
      }
    }
  }
  for (const devices of config.synthetic) {
    if (interrupted) break;
    try {
      results.synthetic.push(
        await runSyntheticStep({
        ...common,
        devices,
        seconds: config.stepSeconds,
        gatewayArgs: ['--tokens', DEFAULT_DEV_TOKENS],
          controllerArgs: ['--http-port', '0'],
        }),
      );
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      progress.line(`  synthetic ${devices} devices could not run: ${why}`);
      results.failedSteps.push({ kind: 'synthetic', devices, agentMode: null, error: why ?? 'unknown' });
      break;
    }
  }

  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const out = resolve(config.out);
  mkdirSync(join(out, stamp), { recursive: true });
  writeFileSync(join(out, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  for (const [name, svg] of Object.entries(charts(results))) writeFileSync(join(out, stamp, name), svg);
  writeFileSync(join(out, 'latest.md'), markdown(results, `${stamp}/`));
  const firstLimit = results.fleet.find((r) => r.limit);
  const firstFailure = results.failedSteps[0];
  progress.line(
    firstLimit
      ? `stops scaling at ${firstLimit.devices} devices (${firstLimit.agentMode}): ${firstLimit.limit}`
      : firstFailure
        ? `stops scaling at ${firstFailure.devices} devices: ${firstFailure.error}`
        : 'every step held its targets',
  );
  progress.line(`results: ${join(out, `${stamp}.json`)} and ${join(out, 'latest.md')}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
