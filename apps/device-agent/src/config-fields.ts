/**
 * Small text-field parsers for the agent's config. The agent does not load zod (about 5 MB per
 * process against a 20 MB budget), so flags, env and the device file are checked here; each
 * parser records a readable issue and returns `undefined` on bad input.
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

/** A positive decimal number up to `max`; `fallback` when the text is absent. */
export function positiveField(issues: Issues, path: string, text: string | undefined, max: number, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (!/^\d+(\.\d+)?$/.test(trimmed) || value <= 0 || value > max) {
    return issues.add(path, `must be a number in (0, ${max}]`);
  }
  return value;
}

/** A non-empty string; `fallback` when absent. */
export function textField(issues: Issues, path: string, text: string | undefined, fallback?: string): string | undefined {
  if (text === undefined) return fallback ?? issues.add(path, 'is required');
  const trimmed = text.trim();
  return trimmed === '' ? issues.add(path, 'must not be empty') : trimmed;
}

/**
 * A comma-separated list of server URLs (`nats://a:4222,nats://b:4222`), blanks between commas
 * ignored; `fallback` when absent. Each entry must be a `nats://`, `tls://`, `ws://` or `wss://` URL.
 */
export function urlListField(issues: Issues, path: string, text: string | undefined, fallback: string): readonly string[] | undefined {
  const urls = (text ?? fallback).split(',').map((u) => u.trim()).filter((u) => u !== '');
  if (urls.length === 0) return issues.add(path, 'needs at least one server URL');
  const bad = urls.find((u) => !/^(nats|tls|ws|wss):\/\/\S+$/.test(u));
  return bad === undefined ? urls : issues.add(path, `"${bad}" is not a nats:// URL`);
}

/** One of `choices`; `fallback` when absent. */
export function choiceField<T extends string>(issues: Issues, path: string, text: string | undefined, choices: readonly T[], fallback?: T): T | undefined {
  if (text === undefined) return fallback ?? issues.add(path, 'is required');
  const found = choices.find((c) => c === text.trim());
  return found ?? issues.add(path, `must be one of: ${choices.join(', ')}`);
}
