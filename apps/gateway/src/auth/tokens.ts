import { readFileSync } from 'node:fs';
import { RoleSchema, UserSchema, type Session } from '@fleet/contracts';
import { z } from 'zod';

/** One configured token: who it belongs to, what they may do, and the secret itself. */
export interface TokenEntry extends Session {
  readonly secret: string;
}

/** Secrets are opaque, but must fit the handshake's `auth.token` and contain no separators. */
const SecretSchema = z.string().regex(/^[^\s,:]{1,512}$/, 'secret must be 1-512 characters without spaces, commas or colons');

const EntrySchema = z
  .string()
  .trim()
  .transform((text) => text.split(':'))
  .pipe(
    z.tuple([UserSchema, RoleSchema, SecretSchema], {
      error: 'expected user:role:secret',
    }),
  )
  .transform(([user, role, secret]): TokenEntry => ({ user, role, secret }));

/** How to set tokens, shown when none are configured. */
export const NO_TOKENS_HELP =
  'no tokens configured: set FLEET_TOKENS=user:role:secret,... (flag --tokens) or FLEET_TOKENS_FILE=<file with one user:role:secret per line> (flag --tokens-file); roles are viewer and operator';

/**
 * Parses `user:role:secret` entries (blank entries and `#` comment lines are skipped). Errors
 * name the entry by position, never by content, so a secret does not end up in a log.
 */
export function parseTokenEntries(entries: readonly string[], source: string): { ok: true; tokens: TokenEntry[] } | { ok: false; errors: string[] } {
  const tokens: TokenEntry[] = [];
  const errors: string[] = [];
  const secrets = new Set<string>();
  entries.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) return;
    const parsed = EntrySchema.safeParse(text);
    if (!parsed.success) {
      const reasons = parsed.error.issues.map((issue) => issue.message).join('; ');
      errors.push(`${source}: entry ${index + 1} is malformed (${reasons}); expected user:role:secret with role viewer or operator`);
      return;
    }
    if (secrets.has(parsed.data.secret)) {
      errors.push(`${source}: entry ${index + 1} repeats the secret of an earlier entry`);
      return;
    }
    secrets.add(parsed.data.secret);
    tokens.push(parsed.data);
  });
  if (errors.length > 0) return { ok: false, errors };
  if (tokens.length === 0) return { ok: false, errors: [NO_TOKENS_HELP] };
  return { ok: true, tokens };
}

/** Where tokens come from; the first one set wins (flags before environment). */
export interface TokenSources {
  readonly list?: string;
  readonly listName: string;
  readonly file?: string;
  readonly fileName: string;
}

/** Reads the tokens from a comma-separated list or from a file with one entry per line. */
export function loadTokens(sources: TokenSources): { ok: true; tokens: TokenEntry[] } | { ok: false; errors: string[] } {
  if (sources.list !== undefined) return parseTokenEntries(sources.list.split(','), sources.listName);
  if (sources.file === undefined) return { ok: false, errors: [NO_TOKENS_HELP] };
  let text: string;
  try {
    text = readFileSync(sources.file, 'utf8');
  } catch (err) {
    return { ok: false, errors: [`${sources.fileName}: cannot read ${sources.file}: ${err instanceof Error ? err.message : String(err)}`] };
  }
  return parseTokenEntries(text.split(/\r?\n/), `${sources.fileName} ${sources.file}`);
}
