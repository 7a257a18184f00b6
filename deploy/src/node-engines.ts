/**
 * Just enough of npm's semver ranges to answer "does `engines.node` accept this Node version?"
 * for the ranges found in package-lock.json: `||` alternatives of space-separated comparators
 * (`>=`, `>`, `<=`, `<`, `=`, `^`, `~`, bare versions), `x` / `*` wildcards and hyphen-free
 * partial versions. Anything else throws, so an unreadable range fails the test instead of
 * passing it.
 */
type Version = readonly [number, number, number];

const PART = /^(\d+|x|X|\*)$/;

/** A version's numbers, with missing or wildcard parts as `undefined`. */
function partial(text: string): Array<number | undefined> {
  const parts = text.replace(/^v/, '').split('.');
  if (parts.length > 3 || !parts.every((p) => PART.test(p))) throw new Error(`unreadable version "${text}"`);
  return [0, 1, 2].map((i) => {
    const p = parts[i];
    return p === undefined || !/^\d+$/.test(p) ? undefined : Number(p);
  });
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** The half-open interval [low, high) a comparator admits; `high` undefined = unbounded. */
function interval(op: string, text: string): { low: Version; high: Version | undefined } {
  const [ma, mi, pa] = partial(text);
  const low: Version = [ma ?? 0, mi ?? 0, pa ?? 0];
  // The first version past every version the partial text matches (e.g. "22.x" -> 23.0.0).
  const next: Version | undefined =
    ma === undefined ? undefined : mi === undefined ? [ma + 1, 0, 0] : pa === undefined ? [ma, mi + 1, 0] : [ma, mi, pa + 1];
  switch (op) {
    case '>=':
      return { low, high: undefined };
    case '>':
      return next ? { low: next, high: undefined } : { low: [Infinity, 0, 0], high: undefined };
    case '<':
      return { low: [0, 0, 0], high: low };
    case '<=':
      return { low: [0, 0, 0], high: next };
    case '^':
      if (ma === undefined) return { low, high: undefined };
      if (ma > 0 || mi === undefined) return { low, high: [ma + 1, 0, 0] };
      if (mi > 0 || pa === undefined) return { low, high: [0, mi + 1, 0] };
      return { low, high: [0, 0, pa + 1] };
    case '~':
      return { low, high: mi === undefined ? next : [ma ?? 0, mi + 1, 0] };
    case '':
    case '=':
      return { low, high: next };
    default:
      throw new Error(`unreadable comparator "${op}${text}"`);
  }
}

/** True when `version` (e.g. `24.0.0`) satisfies the npm range `range` (e.g. `>= 22.x`, `^20.19.0 || >=22.12`). */
export function engineAccepts(range: string, version: string): boolean {
  const [ma, mi, pa] = partial(version);
  const v: Version = [ma ?? 0, mi ?? 0, pa ?? 0];
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().replace(/([<>=^~]+)\s+/g, '$1').split(/\s+/).filter((c) => c !== '');
    return comparators.every((c) => {
      const m = /^([<>]=?|=|\^|~)?(.+)$/.exec(c);
      if (!m?.[2]) throw new Error(`unreadable range "${range}"`);
      const { low, high } = interval(m[1] ?? '', m[2]);
      return compare(v, low) >= 0 && (high === undefined || compare(v, high) < 0);
    });
  });
}

/** One locked package whose `engines.node` rejects a Node version. */
export interface EngineConflict {
  readonly path: string;
  readonly range: string;
  readonly dev: boolean;
}

/** Every package of a package-lock.json (v2/v3) whose `engines.node` rejects `version`. */
export function engineConflicts(lock: unknown, version: string): EngineConflict[] {
  if (typeof lock !== 'object' || lock === null || !('packages' in lock) || typeof lock.packages !== 'object' || lock.packages === null) {
    throw new Error('package-lock.json has no "packages" map (lockfile v2 or newer expected)');
  }
  const conflicts: EngineConflict[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (typeof entry !== 'object' || entry === null || !('engines' in entry)) continue;
    const engines: unknown = entry.engines;
    const range = typeof engines === 'object' && engines !== null && 'node' in engines ? engines.node : undefined;
    if (typeof range !== 'string' || engineAccepts(range, version)) continue;
    conflicts.push({ path, range, dev: 'dev' in entry && entry.dev === true });
  }
  return conflicts;
}
