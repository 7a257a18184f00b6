import { startLocalBroker, type LocalBroker } from '@fleet/fleet-runner';
import { natsAuthArgs, type Identity } from '@fleet/nats-auth';

/** The identities of a bench broker, by name. */
export type BenchIdentity = 'controller' | 'gateway' | 'load';

/**
 * Who may connect to the brokers the synthetic and scale-out steps start: the controller replicas
 * (one key for all, as `npm start` gives them), the gateway, and the load generator. The generator
 * publishes presence and status for thousands of made-up device ids: an `agent-pool` identity may
 * publish exactly that (`fleet.v1.device.*.status`, `*.presence`) for any device and no operator
 * request or control subject, where an `agent` identity names its devices and `harness` may do anything.
 */
const BENCH_IDENTITIES: ReadonlyArray<Identity & { name: BenchIdentity }> = [
  { role: 'controller', name: 'controller' },
  { role: 'gateway', name: 'gateway' },
  { role: 'agent-pool', name: 'load' },
];

/** What {@link startBenchBroker} starts. */
export interface BenchBrokerOptions {
  /** Partitions of the broker's subject mapping; the controllers must be told the same. */
  readonly partitions: number;
  readonly searchPath: string | undefined;
  /** More nats-server config, e.g. a monitoring port. */
  readonly extraConfig?: string;
}

/** One nats-server that refuses anonymous clients and knows the bench's identities, each with its own nkey. */
export function startBenchBroker(options: BenchBrokerOptions): Promise<LocalBroker> {
  return startLocalBroker({ nodes: 1, identities: BENCH_IDENTITIES, ...options });
}

/** The credential flags (file paths, never a secret) that give a process `identity` on `broker`. */
export function credentialArgs(broker: LocalBroker, identity: BenchIdentity): string[] {
  if (!broker.credentials) throw new Error('this broker was started without identities');
  return natsAuthArgs(broker.credentials.filesFor(identity));
}

/** The progress line naming a locked broker the bench started (the smoke test checks it refuses anonymous clients). */
export function brokerLine(url: string): string {
  return `  broker ${url} (identities only)`;
}
