/** Partitions a fleet is split into unless configured otherwise (one setting: broker mapping and controllers). */
export const DEFAULT_PARTITIONS = 16;

/** Upper bound of the partition count: leases and subscriptions are per partition. */
export const MAX_PARTITIONS = 1024;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The partition of a device, exactly as nats-server's `{{partition(count,1)}}` subject mapping
 * computes it: FNV-1a (32 bit) of the deviceId token, modulo `count`. Device ids are ASCII
 * (`[A-Za-z0-9_-]`), so each character is one byte.
 */
export function partitionOf(deviceId: string, count: number): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < deviceId.length; i++) {
    hash ^= deviceId.charCodeAt(i) & 0xff;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % count;
}
