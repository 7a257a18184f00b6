import { appEntry } from './app-entries';
import type { ServiceSpec } from './service';

/** How the fleet runs its controllers. */
export interface ControllerPlan {
  /** Replicas; each owns a share of the partitions. */
  readonly count: number;
  /** Must equal the broker mapping's partition count (each controller checks it at start-up). */
  readonly partitions: number;
  /** JetStream replicas of the buckets and stream the controllers create: 3 on a 3-node cluster. */
  readonly kvReplicas: number;
  /** `--nats-url`: one server or a comma-separated list. */
  readonly natsUrl: string;
  /** Length of timed steps (tests shorten them). */
  readonly stepMs: number | undefined;
  /** The controllers' credential flags (`--nats-nkey-file ...`), none for an open broker. */
  readonly authArgs?: readonly string[];
}

/**
 * The process spec of each controller replica: replica id `controller-<i>` (1-based, so that a
 * restarted replica reclaims its own leases), an ephemeral HTTP port (several share one host),
 * the partition count and the KV replicas. A lone controller keeps the service name
 * `controller`, which logs and tests know it by.
 */
export function controllerSpecs(plan: ControllerPlan): ServiceSpec[] {
  return Array.from({ length: plan.count }, (_, index) => ({
    name: plan.count === 1 ? 'controller' : `controller-${index + 1}`,
    entry: appEntry('controller'),
    args: [
      '--nats-url', plan.natsUrl,
      ...(plan.authArgs ?? []),
      '--http-port', '0',
      '--replica-id', `controller-${index + 1}`,
      '--partitions', String(plan.partitions),
      '--kv-replicas', String(plan.kvReplicas),
      ...(plan.stepMs ? ['--step-ms', String(plan.stepMs)] : []),
    ],
  }));
}
