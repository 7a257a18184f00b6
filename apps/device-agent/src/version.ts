import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const PackageSchema = z.object({ version: z.string().max(64) });

/** This app's version from its package.json (one level above both src/ and dist/). */
export function appVersion(): string {
  try {
    const text = readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8');
    const parsed = PackageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
