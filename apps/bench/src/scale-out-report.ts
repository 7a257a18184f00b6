import { generatorShortfall, type ScaleOutRun } from './scale-out-step';

/** How to read the scale-out figures; said beside them wherever they are shown. */
export function scaleOutReading(cores: number): string {
  return (
    `How to read it: on this ${cores}-core machine the broker and the load generator share the cores with the replicas, ` +
    'so these figures say how per-replica CPU drops and how total capacity changes as replicas are added, ' +
    'not what a multi-host cluster (each replica on its own cores) would do.'
  );
}

/** The markdown table: one row per replica count and offered load. */
export function scaleOutTable(runs: readonly ScaleOutRun[]): string {
  if (runs.length === 0) return 'not measured';
  const head =
    '| replicas | virtual devices | offered status/s | broker in msgs/s | handled status/s | handled / offered | handled/s per replica | partitions per replica | CPU % per replica | CPU % replicas total | RSS MB per replica | USS MB per replica | CPU % broker / load | warm-up s | leases lost | limit |\n' +
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|';
  const per = (run: ScaleOutRun, figure: (r: ScaleOutRun['perReplica'][number]) => string | number): string => run.perReplica.map(figure).join(' / ');
  const lines = runs.map(
    (r) =>
      `| ${r.replicas} | ${r.devices} | ${r.offeredPerSecond} | ${r.publishedPerSecond} | ${r.handledPerSecond} | ${r.handledRatio} | ${per(r, (p) => p.handledPerSecond)} | ${per(r, (p) => p.partitions)} | ${per(r, (p) => p.cpuPercent)} | ${r.replicasCpuPercent} | ${per(r, (p) => p.rssMb)} | ${per(r, (p) => p.ussMb)} | ${r.brokerCpuPercent} / ${r.loadCpuPercent} | ${r.warmupSeconds}${r.settled ? '' : ' (not settled)'} | ${r.partitionsLost} | ${r.limit ?? 'keeps up'}${generatorShortfall(r) ? ` (${generatorShortfall(r)})` : ''} |`,
  );
  return [head, ...lines].join('\n');
}

/**
 * One line per offered load comparing the fewest and the most replicas: handled status/s,
 * whether each kept up, the busiest replica's CPU and the replicas' total CPU. Empty when
 * fewer than two counts ran.
 */
export function scaleOutSummary(runs: readonly ScaleOutRun[]): string[] {
  const loads = [...new Set(runs.map((r) => r.devices))];
  return loads.flatMap((devices) => {
    const rows = runs.filter((r) => r.devices === devices).sort((a, b) => a.replicas - b.replicas);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last || first === last) return [];
    const busiest = (r: ScaleOutRun): number => Math.max(0, ...r.perReplica.map((p) => p.cpuPercent));
    const verdict = (r: ScaleOutRun): string => `${r.replicas} replica${r.replicas === 1 ? '' : 's'} ${r.limit ? 'fell behind' : 'kept up'}`;
    return [
      `${first.offeredPerSecond} status/s offered: ${first.replicas} → ${last.replicas} replicas handled ${first.handledPerSecond} → ${last.handledPerSecond}/s ` +
        `(${verdict(first)}, ${verdict(last)}), ` +
        `busiest replica ${busiest(first)} → ${busiest(last)} % CPU, all replicas ${first.replicasCpuPercent} → ${last.replicasCpuPercent} % CPU`,
    ];
  });
}
