/**
 * Replies (requests, JetStream API answers, KV watches) reach a client on its inbox subjects. With
 * nats.js's default `_INBOX.` every client that may hear replies could subscribe to everybody's;
 * so each authenticated client uses a prefix of its own, `_INBOX_<who>`, and the broker lets an
 * identity subscribe to its own prefix only.
 */
const TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * The inbox prefix of a client that authenticates as `who` (an nkey's public key, or a user
 * name): `_INBOX_<who>`. Throws for a `who` that cannot be one subject token.
 */
export function inboxPrefixOf(who: string): string {
  if (!TOKEN.test(who)) throw new RangeError(`"${who}" cannot name an inbox: letters, digits, _ and - only`);
  return `_INBOX_${who}`;
}

/** The subscribe permission covering every reply to a client that authenticates as `who`. */
export function inboxSubjectOf(who: string): string {
  return `${inboxPrefixOf(who)}.>`;
}
