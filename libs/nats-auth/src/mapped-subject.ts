import { partitionMappings, partitionOf } from '@fleet/contracts/wire';

/**
 * The subject a broker with the fleet's partition mapping turns `subject` into, or `subject`
 * itself when no mapping applies. nats-server checks publish permissions on the mapped subject,
 * so a right on `fleet.v1.device.<id>.status` is granted as `...status.<partition>` too; both come
 * from `partitionMappings` in contracts, the same source as the broker's mapping.
 */
export function mappedSubject(subject: string, partitions: number): string {
  const tokens = subject.split('.');
  for (const source of Object.keys(partitionMappings(partitions))) {
    const pattern = source.split('.');
    if (pattern.length !== tokens.length) continue;
    const wild = pattern.indexOf('*');
    if (pattern.every((p, i) => p === '*' || p === tokens[i])) return `${subject}.${partitionOf(tokens[wild] ?? '', partitions)}`;
  }
  return subject;
}
