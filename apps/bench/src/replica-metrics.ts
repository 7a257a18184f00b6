import { z } from 'zod';
import { sampleValue } from './prom-text';

/** The controller's ready line carries the HTTP port it chose for `--http-port 0`. */
const ReadyLineSchema = z.object({ msg: z.literal('ready'), httpPort: z.number().int().min(1).max(65_535) });

/** The HTTP port in a controller's `ready` log line, or `undefined` for any other line. */
export function readyHttpPort(line: string): number | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = ReadyLineSchema.safeParse(json);
  return parsed.success ? parsed.data.httpPort : undefined;
}

/** One replica's counters from its /metrics. */
export interface ReplicaCounters {
  /** `fleet_controller_status_messages_total`: status messages handled since start. */
  handled: number;
  /** `fleet_controller_partitions_owned`: partitions whose lease it holds now. */
  owned: number;
  /** Partitions it lost since start because it did not renew their leases in time. */
  lost: number;
}

const SCRAPE_TIMEOUT_MS = 5000;

/** Scrapes one replica's /metrics on 127.0.0.1; rejects when a metric is missing. */
export async function scrapeReplica(httpPort: number): Promise<ReplicaCounters> {
  const response = await fetch(`http://127.0.0.1:${httpPort}/metrics`, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`controller /metrics on port ${httpPort} answered ${response.status}`);
  const text = await response.text();
  const handled = sampleValue(text, 'fleet_controller_status_messages_total');
  const owned = sampleValue(text, 'fleet_controller_partitions_owned');
  if (handled === undefined || owned === undefined) throw new Error(`controller /metrics on port ${httpPort} lacks the status or partition figures`);
  // The counter has no `lost` series until the first loss.
  const lost = sampleValue(text, 'fleet_controller_partition_changes_total{change="lost"}') ?? 0;
  return { handled, owned, lost };
}

/**
 * True when the replicas hold every partition between them, each holds some, and none holds
 * more than an even split rounded up: the state the lease protocol settles in.
 */
export function isBalanced(owned: readonly number[], partitions: number): boolean {
  const share = Math.ceil(partitions / Math.max(1, owned.length));
  return owned.length > 0 && owned.reduce((s, n) => s + n, 0) === partitions && owned.every((n) => n > 0 && n <= share);
}
