import { startupConfig } from '@fleet/app-config';
import { DEFAULT_DEV_TOKENS, DEV_OPERATOR_TOKEN } from '@fleet/fleet-runner';
import { findNatsServerBinary } from '@fleet/nats-server';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { measureAgentMemory } from './agent-memory';
import { CONFIG_SCHEMA, loadConfig, type BenchPart } from './config';
import { runFleetStep } from './fleet-step';
import { describeMachine } from './machine';
import { consoleProgress } from './progress';
import { charts, markdown, type BenchResults } from './report';
import { describeRevision } from './revision';
import { scaleOutReading, scaleOutSummary } from './scale-out-report';
import { runScaleOutStep } from './scale-out-step';
import { runSyntheticStep } from './synthetic-step';
import { closingLine } from './verdict';

/** `npm run bench`: the scale curve, written to bench/results. Ctrl-C stops after the current step. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const config = startupConfig(CONFIG_SCHEMA, argv, () => loadConfig(argv, process.env));
  const progress = consoleProgress();
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
    progress.line('interrupted: finishing the current step, then writing what was measured');
  });
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    revision: describeRevision(__dirname),
    argv: process.argv.slice(2),
    quick: config.quick,
    machine: describeMachine(findNatsServerBinary(undefined, config.path)),
    fleet: [],
    synthetic: [],
    scaleOut: [],
    failedSteps: [],
    agentMemory: null,
  };
  const common = { token: DEV_OPERATOR_TOKEN, searchPath: config.path, progress };

  const selected = (part: BenchPart): boolean => config.parts.has(part);
  if (selected('memory') && config.agentMemorySeconds > 0) results.agentMemory = await measureAgentMemory(config.agentMemorySeconds, config.path, progress);
  for (const agentMode of selected('fleet') ? config.agentModes : []) {
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
  for (const devices of selected('synthetic') ? config.synthetic : []) {
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
  for (const replicas of selected('scaleout') ? config.scaleout : []) {
    if (interrupted) break;
    try {
      await runScaleOutStep({
        replicas,
        loads: config.scaleoutDevices,
        // Replicas settle in a few seconds when they can; past this, waiting longer measures nothing new.
        maxWarmupSeconds: config.quick ? 8 : 10,
        seconds: config.scaleoutSeconds,
        searchPath: config.path,
        progress,
        onRun: (run) => results.scaleOut.push(run),
      });
    } catch (error) {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      const devices = config.scaleoutDevices.find((d) => !results.scaleOut.some((r) => r.replicas === replicas && r.devices === d)) ?? 0;
      progress.line(`  scale-out ${replicas} replica(s) could not run: ${why}`);
      // Unlike a fleet too big for the machine, one replica count failing says nothing about the next.
      results.failedSteps.push({ kind: 'scale-out', devices, agentMode: null, replicas, error: why ?? 'unknown' });
    }
  }
  if (results.scaleOut.length) {
    progress.line(scaleOutReading(results.machine.cores));
    for (const line of scaleOutSummary(results.scaleOut)) progress.line(`scale-out: ${line}`);
  }

  const stamp = results.startedAt.replace(/[:.]/g, '-');
  const out = resolve(config.out);
  mkdirSync(join(out, stamp), { recursive: true });
  writeFileSync(join(out, `${stamp}.json`), `${JSON.stringify(results, null, 2)}\n`);
  for (const [name, svg] of Object.entries(charts(results))) writeFileSync(join(out, stamp, name), svg);
  writeFileSync(join(out, 'latest.md'), markdown(results, `${stamp}/`));
  // Names every step that missed its targets (fleet, synthetic and scale-out alike).
  progress.line(closingLine(results));
  progress.line(`results: ${join(out, `${stamp}.json`)} and ${join(out, 'latest.md')}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
