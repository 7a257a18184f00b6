import { inboxSubjectOf } from './inbox';
import type { Permissions } from './permissions';

/** One broker user: how it proves who it is (an nkey's public key) and what it may do. */
export interface AuthorizedUser {
  /** The identity's name, written as a comment beside its entry. */
  readonly name: string;
  /** The nkey user's public key (`U...`). */
  readonly publicKey: string;
  readonly permissions: Permissions;
}

const list = (subjects: readonly string[]): string => `[${subjects.map((s) => JSON.stringify(s)).join(', ')}]`;

/** A publish or subscribe block; denies everything when `subjects` is empty (an empty allow list would allow all). */
function block(kind: 'publish' | 'subscribe', subjects: readonly string[]): string {
  return subjects.length === 0 ? `${kind}: { deny: [">"] }` : `${kind}: { allow: ${list(subjects)} }`;
}

/**
 * The `authorization { users = [...] }` block of a nats-server config (2.9 and later): one nkey
 * user per identity with its publish and subscribe allow lists, its private inbox (subscribe
 * `_INBOX_<public key>.>` when `permissions.inbox`) and `allow_responses`. A client without one of
 * these keys is refused: there is no anonymous user.
 */
export function renderAuthorization(users: readonly AuthorizedUser[]): string {
  const entries = users.map((u) => {
    const subscribe = u.permissions.inbox ? [...u.permissions.subscribe, inboxSubjectOf(u.publicKey)] : u.permissions.subscribe;
    const perms = [block('publish', u.permissions.publish), block('subscribe', subscribe)];
    if (u.permissions.allowResponses) perms.push('allow_responses: true');
    return [`    # ${u.name}`, `    { nkey: ${JSON.stringify(u.publicKey)}, permissions: {`, ...perms.map((p) => `      ${p}`), '    } }'].join('\n');
  });
  return ['authorization {', '  users = [', ...entries, '  ]', '}', ''].join('\n');
}
