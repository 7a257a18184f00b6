import type { AgentMemoryResult } from './agent-memory';
import type { FleetStepResult } from './fleet-step';
import type { MachineDescription } from './machine';
import { revisionText, type Revision } from './revision';
import { scaleOutReading, scaleOutSummary, scaleOutTable } from './scale-out-report';
import type { ScaleOutRun } from './scale-out-step';
import { lineChart, type Series } from './svg-chart';
import type { SyntheticStepResult } from './synthetic-step';
import { median, round } from './stats';
import { closingLine, type FailedStep } from './verdict';

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  startedAt: string;
  /** The commit measured (README figures are quoted with it). */
  revision: Revision;
  /** The bench's own arguments; empty for a full `npm run bench`. */
  argv: string[];
  quick: boolean;
  machine: MachineDescription;
  fleet: FleetStepResult[];
  synthetic: SyntheticStepResult[];
  /** Controller replicas under a fixed synthetic load, one entry per replica count and load. */
  scaleOut: ScaleOutRun[];
  /** Steps that could not run at all on this machine, and why. */
  failedSteps: FailedStep[];
  agentMemory: AgentMemoryResult | null;
}

const cpu = (r: FleetStepResult | SyntheticStepResult, role: string): number => r.roles[role]?.cpuPercent ?? 0;

function fleetTable(rows: FleetStepResult[]): string {
  const head =
    '| mode | devices | client delivery | p50 / p95 / p99 / max latency (ms) | offline detection (ms, median / max) | command RTT p50 / p99 (ms) | CPU % broker / controller / gateway / sim / agents | agent USS median / max (MB) | fan-out: clients, min delivery, max p99, gateway CPU % | limit |\n|---|---|---|---|---|---|---|---|---|---|';
  const lines = rows.map((r) => {
    const l = r.client.latencyMs;
    const a = r.roles.agents;
    const f = r.fanout;
    return `| ${r.agentMode} | ${r.devices} | ${r.client.deliveryRatio} | ${l.p50} / ${l.p95} / ${l.p99} / ${l.max} | ${round(median(r.offlineDetectionMs), 0)} / ${Math.max(0, ...r.offlineDetectionMs)} | ${r.commandRttMs.p50} / ${r.commandRttMs.p99} | ${cpu(r, 'broker')} / ${cpu(r, 'controller')} / ${cpu(r, 'gateway')} / ${cpu(r, 'sim')} / ${cpu(r, 'agents')} | ${a?.ussMedianMb ?? 0} / ${a?.ussMaxMb ?? 0} | ${f ? `${f.clients}, ${f.deliveryRatioMin}, ${f.latencyP99MaxMs}, ${f.gatewayCpuPercent}` : '-'} | ${r.limit ?? 'holds'} |`;
  });
  return [head, ...lines].join('\n');
}

function syntheticTable(rows: SyntheticStepResult[]): string {
  const head = '| virtual devices | status/s | client delivery | p50 / p99 / max latency (ms) | CPU % broker / controller / gateway / load | USS MB controller / gateway | limit |\n|---|---|---|---|---|---|---|';
  const lines = rows.map((r) => {
    const l = r.client.latencyMs;
    return `| ${r.devices} | ${r.devices * 10} | ${r.client.deliveryRatio} | ${l.p50} / ${l.p99} / ${l.max} | ${cpu(r, 'broker')} / ${cpu(r, 'controller')} / ${cpu(r, 'gateway')} / ${cpu(r, 'load')} | ${r.roles.controller?.ussMaxMb ?? 0} / ${r.roles.gateway?.ussMaxMb ?? 0} | ${r.limit ?? 'holds'} |`;
  });
  return [head, ...lines].join('\n');
}

/** The SVG plots, by file name. */
export function charts(results: BenchResults): Record<string, string> {
  const byMode = (mode: string): FleetStepResult[] => results.fleet.filter((r) => r.agentMode === mode);
  const modes = [...new Set(results.fleet.map((r) => r.agentMode))];
  const latency: Series[] = modes.flatMap((mode) =>
    (['p50', 'p95', 'p99'] as const).map((p) => ({ name: `${mode} ${p}`, points: byMode(mode).map((r) => [r.devices, r.client.latencyMs[p]] as const) })),
  );
  const roles = ['broker', 'controller', 'gateway', 'sim', 'agents'];
  const process = byMode('process');
  const cpuSeries: Series[] = roles.map((role) => ({ name: role, points: process.map((r) => [r.devices, cpu(r, role)] as const) }));
  const memSeries: Series[] = roles.map((role) => ({ name: role, points: process.map((r) => [r.devices, r.roles[role]?.ussTotalMb ?? 0] as const) }));
  const perDevice: Series[] = modes.map((mode) => ({
    name: mode,
    points: byMode(mode).map((r) => [r.devices, round(cpu(r, 'agents') / r.devices, 3)] as const),
  }));
  return {
    'latency.svg': lineChart({ title: 'End-to-end status latency at the client', xLabel: 'devices', yLabel: 'ms', series: latency }),
    'cpu.svg': lineChart({ title: 'CPU per component (process per device)', xLabel: 'devices', yLabel: '% of one core', series: cpuSeries }),
    'memory.svg': lineChart({ title: 'Private memory per component (process per device)', xLabel: 'devices', yLabel: 'USS MB (sum)', series: memSeries }),
    'modes.svg': lineChart({ title: 'Agent cost per device: process per device vs dense', xLabel: 'devices', yLabel: '% CPU per device', series: perDevice }),
  };
}

/** The markdown report, linking the SVG plots beside it. */
export function markdown(results: BenchResults, svgPrefix: string): string {
  const m = results.machine;
  const mem = results.agentMemory;
  return [
    `# Fleet Control benchmark, ${results.startedAt}${results.quick ? ' (quick smoke run)' : ''}`,
    '',
    `Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}, ${m.natsServer}, ${m.platform}.`,
    '',
    `Commit: ${revisionText(results.revision)}. Arguments: ${results.argv.length ? `\`${results.argv.join(' ')}\`` : 'none (the full run)'}.`,
    '',
    `Verdict: ${closingLine(results)}.`,
    '',
    '## Real fleet: broker, simulator, agents, controller, gateway, a measuring Socket.IO client',
    '',
    fleetTable(results.fleet),
    '',
    '## Synthetic load: valid status for N virtual devices at 10 Hz straight to NATS, no agents',
    '',
    syntheticTable(results.synthetic),
    '',
    '## Controller scale-out: replicas sharing 16 partitions under the same synthetic load, no gateway',
    '',
    scaleOutReading(m.cores),
    '',
    scaleOutTable(results.scaleOut),
    '',
    ...scaleOutSummary(results.scaleOut).map((line) => `- ${line}`),
    '',
    ...(results.failedSteps.length
      ? [
          '## Steps that could not run',
          '',
          ...results.failedSteps.map(
            (f) => `- ${f.kind}${f.replicas === undefined ? '' : ` ${f.replicas} replica(s),`} ${f.devices} devices${f.agentMode ? ` (${f.agentMode})` : ''}: ${f.error}`,
          ),
          '',
        ]
      : []),
    '## One agent\'s private memory (USS)',
    '',
    mem ? `${mem.finalUssMb} MB after ${mem.seconds} s at 10 Hz (max ${mem.maxUssMb} MB).` : 'not measured',
    '',
    '## Plots',
    '',
    ...Object.keys(charts(results)).map((name) => `![${name}](${svgPrefix}${name})`),
    '',
  ].join('\n');
}
