import { CLAIMS_BUCKET } from '@fleet/contracts/wire';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { NatsAuthOptions } from '@fleet/nats-auth';
import type { Logger } from 'pino';
import type { DeviceConfig } from './device-list';

/** A device this agent holds from the pool, for as long as it renews its lease. */
export interface DeviceClaim {
  readonly device: DeviceConfig;
  /** Resolves with a reason if the lease is lost (taken over, or not renewed in time). */
  readonly lost: Promise<string>;
  /** Gives the device back at once (clean shutdown), so a spare need not wait for the lease. */
  release(): Promise<void>;
}

/** Options of {@link claimDevice}. */
export interface ClaimOptions {
  natsUrl: readonly string[];
  /** Credentials and TLS, read from their files at start-up. */
  auth: NatsAuthOptions;
  pool: readonly DeviceConfig[];
  leaseMs: number;
  /** Identifies this agent in the claim's value. */
  owner: string;
  log: Logger;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Opens the claims bucket, creating it with the lease as its TTL if it does not exist. */
async function openBucket(nc: NatsConnection, leaseMs: number) {
  // Loaded only in pool mode: JetStream and KV cost memory a single-device agent does not need.
  const { Kvm } = await import('@nats-io/kv');
  const kvm = new Kvm(nc);
  try {
    return await kvm.create(CLAIMS_BUCKET, { ttl: leaseMs, history: 1 });
  } catch {
    return await kvm.open(CLAIMS_BUCKET);
  }
}

/**
 * Claims one free device of the pool through a KV create-if-absent, waiting while every device
 * is taken, then renews the claim every third of the lease. A dead agent stops renewing, its
 * key expires with the bucket's TTL, and a waiting agent's create succeeds.
 */
export async function claimDevice(options: ClaimOptions): Promise<DeviceClaim> {
  const { log, leaseMs, owner } = options;
  const nc = await connect({ servers: [...options.natsUrl], ...options.auth, name: `device-agent pool ${owner}`, maxReconnectAttempts: -1, waitOnFirstConnect: true });
  const kv = await openBucket(nc, leaseMs);
  let waiting = false;
  for (;;) {
    for (const device of options.pool) {
      let revision: number;
      try {
        revision = await kv.create(device.deviceId, owner);
      } catch {
        continue;
      }
      log.info({ deviceId: device.deviceId, leaseMs }, 'claimed device from pool');
      let lastRenewed = Date.now();
      let stopped = false;
      let signalLost: (reason: string) => void = () => {};
      const lost = new Promise<string>((resolve) => (signalLost = resolve));
      const renew = setInterval(() => {
        kv.update(device.deviceId, owner, revision).then(
          (next) => {
            revision = next;
            lastRenewed = Date.now();
          },
          (err: unknown) => {
            if (stopped) return;
            // A revision mismatch means another agent holds it now; otherwise the broker is away
            // and we keep trying until the lease would have run out.
            if (Date.now() - lastRenewed >= leaseMs) {
              stopped = true;
              clearInterval(renew);
              signalLost(`lease not renewed for ${leaseMs} ms: ${err instanceof Error ? err.message : String(err)}`);
            }
          },
        );
      }, Math.max(100, Math.floor(leaseMs / 3)));
      return {
        device,
        lost,
        release: async () => {
          stopped = true;
          clearInterval(renew);
          await kv.delete(device.deviceId, { previousSeq: revision }).catch(() => undefined);
          await nc.drain().catch(() => undefined);
        },
      };
    }
    if (!waiting) log.info({ pool: options.pool.map((d) => d.deviceId) }, 'every pool device is claimed; waiting for one to free up');
    waiting = true;
    await sleep(Math.max(100, Math.floor(leaseMs / 4)));
  }
}
