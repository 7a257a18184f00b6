import { SUBJECT_PREFIX } from '../subjects';

/**
 * Subjects the broker rewrites with a partition token, keyed by the source subject. The device id
 * is always the first wildcard; the destination appends `.<partition>`.
 */
const PARTITIONED_SOURCES = [
  `${SUBJECT_PREFIX}.device.*.status`,
  `${SUBJECT_PREFIX}.device.*.presence`,
  `${SUBJECT_PREFIX}.control.command.*`,
  `${SUBJECT_PREFIX}.control.alarm.ack.*`,
  `${SUBJECT_PREFIX}.control.alarm.action.*`,
  `${SUBJECT_PREFIX}.control.partition.probe.*`,
] as const;

/**
 * The `mappings` block of a nats-server config that partitions the fleet into `count` partitions:
 * `fleet.v1.device.<id>.status` is delivered as `fleet.v1.device.<id>.status.<p>`, and likewise for
 * presence, per-device control commands, alarm acknowledgements and actions, and the controllers' probe.
 */
export function partitionMappings(count: number): Record<string, string> {
  const mappings: Record<string, string> = {};
  for (const source of PARTITIONED_SOURCES) {
    mappings[source] = `${source.replace('*', '{{wildcard(1)}}')}.{{partition(${count},1)}}`;
  }
  return mappings;
}

/** The same mappings as nats-server config text (a `mappings { ... }` block). */
export function partitionMappingsConfig(count: number): string {
  const lines = Object.entries(partitionMappings(count)).map(([from, to]) => `  "${from}": "${to}"`);
  return `mappings {\n${lines.join('\n')}\n}\n`;
}
