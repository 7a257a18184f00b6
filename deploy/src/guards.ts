/** Type guards for parsed YAML and JSON, so the checks read unknown documents without casts. */

export type Dict = Record<string, unknown>;

/** True for a plain object (not an array, not null). */
export function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or an empty one. */
export function dictAt(value: unknown, key: string): Dict {
  const found = isDict(value) ? value[key] : undefined;
  return isDict(found) ? found : {};
}

/** The array at `key`, or an empty one. */
export function listAt(value: unknown, key: string): unknown[] {
  const found = isDict(value) ? value[key] : undefined;
  return Array.isArray(found) ? found : [];
}

/** The scalar at `key` as text (numbers and booleans too), or undefined. */
export function textAt(value: unknown, key: string): string | undefined {
  const found = isDict(value) ? value[key] : undefined;
  return typeof found === 'string' || typeof found === 'number' || typeof found === 'boolean' ? String(found) : undefined;
}

/** Every entry of an object whose value is a scalar, as text. */
export function textEntries(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isDict(value)) return out;
  for (const key of Object.keys(value)) {
    const text = textAt(value, key);
    if (text !== undefined) out[key] = text;
  }
  return out;
}
