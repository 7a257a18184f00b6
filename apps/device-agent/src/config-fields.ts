/**
 * Checks of the agent's device fields (from `--devices`, `--device-pool`, a device file or the
 * one-device flags). The agent does not load zod (about 5 MB per process against a 20 MB budget),
 * so these are hand-written; each records a readable issue and returns `undefined` on bad input.
 */
export class Issues {
  readonly list: string[] = [];

  add(path: string, message: string): undefined {
    this.list.push(`${path}: ${message}`);
    return undefined;
  }
}

/** An integer in [min, max] given as decimal text; `fallback` when the text is absent. */
export function intField(issues: Issues, path: string, text: string | undefined, range: [number, number], fallback?: number): number | undefined {
  if (text === undefined) return fallback ?? issues.add(path, 'is required');
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return issues.add(path, 'must be a non-negative integer');
  const value = Number(trimmed);
  if (value < range[0] || value > range[1]) return issues.add(path, `must be within [${range[0]}, ${range[1]}]`);
  return value;
}
