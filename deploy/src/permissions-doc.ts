import { DEFAULT_PARTITIONS, partitionOf } from '@fleet/contracts';
import { agentName, permissionsOf, ROLES, type Identity } from '@fleet/nats-auth';

/** The device the table's agent row is shown for. */
const EXAMPLE_DEVICE = 'camera-1';

/** One identity per role, as the table shows it (an agent assigned {@link EXAMPLE_DEVICE}). */
function exampleIdentities(): Identity[] {
  return ROLES.map((role): Identity => (role === 'agent' ? { role, name: agentName(EXAMPLE_DEVICE), devices: [EXAMPLE_DEVICE] } : { role, name: role }));
}

const code = (subjects: readonly string[]): string => (subjects.length === 0 ? '(none)' : subjects.map((s) => `\`${s}\``).join(', '));
const isJetStream = (subject: string): boolean => subject.startsWith('$JS.') || subject.startsWith('$KV.');

/**
 * The permission table of docs/security.md, rendered from `permissionsOf` in `@fleet/nats-auth`
 * for the shipped partition count: what the broker's `authorization` block grants each role.
 */
export function renderPermissionTable(partitions: number = DEFAULT_PARTITIONS): string {
  const rows = exampleIdentities().map((identity) => {
    const p = permissionsOf(identity, partitions);
    const publish = p.publish.filter((s) => !isJetStream(s));
    const jetStream = p.publish.filter(isJetStream);
    return `| \`${identity.name}\` | ${code(publish)} | ${code(p.subscribe)} | ${p.inbox ? 'own (`_INBOX_<key>.>`)' : 'none'} | ${code(jetStream)} | ${p.allowResponses ? 'yes' : 'no'} |`;
  });
  return [
    `Rendered from \`permissionsOf\` for ${partitions} partitions; the agent row is an agent assigned \`${EXAMPLE_DEVICE}\``,
    `(partition ${partitionOf(EXAMPLE_DEVICE, partitions)}). "inbox" is the identity's own reply inbox (its replies, JetStream answers and KV`,
    'watches; never `_INBOX.>`); "JetStream" lists the API and KV subjects among the publish rights; "replies" is',
    '`allow_responses` (may answer a request it received, once).',
    '',
    '| identity | may publish | may subscribe | inbox | JetStream | replies |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
