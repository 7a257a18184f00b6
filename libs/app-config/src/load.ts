import { scanArgs } from './args';
import type { Parsed } from './parsers';
import type { Read, Schema, Setting } from './setting';

/** The environment a config is read from (`process.env` at the edge, a plain object in tests). */
export type Env = Readonly<Record<string, string | undefined>>;

/** Where a setting's value came from. */
export type Origin = 'flag' | 'env' | 'default';

/** Either the program's config, or every problem found, each naming the flag or variable. */
export type LoadResult<C> = { readonly ok: true; readonly config: C } | { readonly ok: false; readonly issues: string[] };

/** What a program's build step gets: typed values, their origins, and a way to refuse them. */
export interface Builder {
  /** The setting's value: flag > variable > default. */
  readonly read: Read;
  readonly origin: (setting: Setting<unknown>) => Origin;
  /** How to name the setting to the operator: the flag or variable that gave it. */
  readonly nameOf: (setting: Setting<unknown>) => string;
  /** Records a problem with the setting's value (cross-field rules, file contents, ...). */
  readonly report: (setting: Setting<unknown>, message: string) => void;
  /** Records a problem whose message already names what it is about. */
  readonly addIssue: (message: string) => void;
}

/** Thrown through the build step when a required setting is missing; its issue is already recorded. */
class MissingRequired extends Error {}

/** `--flag / VAR`, for a setting that was given neither way. */
export function bothNames(setting: Setting<unknown>): string {
  return setting.env === undefined ? `--${setting.flag}` : `--${setting.flag} / ${setting.env}`;
}

/**
 * Builds a program's config from its command line and environment. Every setting is read as
 * flag > environment variable > default, parsed by its parser; `build` turns the values into the
 * program's config type and may report cross-field problems. Never throws on bad input: unknown
 * flags, unparsable values and reported problems all come back as issues, each naming the flag
 * or variable it is about (never a secret's value). A malformed command line is reported alone.
 * `--help` is accepted and otherwise ignored.
 */
export function loadConfig<C>(schema: Schema, argv: readonly string[], env: Env, build: (builder: Builder) => C): LoadResult<C> {
  const scanned = scanArgs(schema, argv);
  // A malformed command line (a typo in a flag name, a missing value) comes first and alone:
  // whatever else looks wrong may well be its consequence.
  if (scanned.issues.length > 0) return { ok: false, issues: [...scanned.issues] };
  const issues: string[] = [];
  const known = new Set<Setting<unknown>>(schema.settings);

  const given = (s: Setting<unknown>): { text: string; origin: 'flag' | 'env' } | undefined => {
    const flags = scanned.given.get(s);
    if (flags !== undefined && flags.length > 0) {
      return { text: s.repeatable ? flags.join(',') : (flags.at(-1) ?? ''), origin: 'flag' };
    }
    const text = s.env === undefined ? undefined : env[s.env];
    return text === undefined ? undefined : { text, origin: 'env' };
  };
  const origin = (s: Setting<unknown>): Origin => given(s)?.origin ?? 'default';
  const nameOf = (s: Setting<unknown>): string => {
    const from = origin(s);
    if (from === 'flag') return `--${s.flag}`;
    if (from === 'env' && s.env !== undefined) return s.env;
    return bothNames(s);
  };
  const report = (s: Setting<unknown>, message: string): void => {
    issues.push(`${nameOf(s)}: ${message}`);
  };

  // First every setting on its own, so that one run lists every problem.
  for (const s of schema.settings) {
    const raw = given(s);
    if (raw === undefined) {
      if (s.fallback.kind === 'required') report(s, 'is required');
      continue;
    }
    const parsed = s.parser.parse(raw.text);
    if (!parsed.ok) report(s, s.secret ? 'is not valid (the value is secret, so it is not shown)' : parsed.error);
  }

  const read: Read = <T>(s: Setting<T>): T => {
    if (!known.has(s)) throw new Error(`${schema.program.name}: --${s.flag} is read but not in the schema`);
    const raw = given(s);
    const parsed: Parsed<T> | undefined = raw === undefined ? undefined : s.parser.parse(raw.text);
    if (parsed?.ok) return parsed.value;
    // Invalid values were reported above; the default stands in so that the build step can still
    // check the rest and report everything at once.
    const fallback = s.fallback;
    if (fallback.kind === 'value') return fallback.value;
    if (fallback.kind === 'derived') return fallback.from(read);
    throw new MissingRequired();
  };

  let built: { config: C } | undefined;
  try {
    built = { config: build({ read, origin, nameOf, report, addIssue: (message) => void issues.push(message) }) };
  } catch (err) {
    if (!(err instanceof MissingRequired)) throw err;
  }
  if (issues.length > 0 || built === undefined) return { ok: false, issues };
  return { ok: true, config: built.config };
}
