import type { z } from 'zod';

/** Turns zod issues into one line an operator or client developer can read, e.g. `deviceId: Required`. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
