import type { z } from 'zod';

/** Outcome of parsing untrusted input: the value, or a reason a person can read. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Joins zod issues into one line, e.g. `deviceId: deviceId must match ...; command: Required`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Validates `input` against `schema` without throwing. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, value: result.data } : { ok: false, error: describeIssues(result.error) };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes a UTF-8 JSON message body without throwing. */
export function parseJsonBytes(data: Uint8Array): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(decoder.decode(data)) };
  } catch (err) {
    return { ok: false, error: `not UTF-8 JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
