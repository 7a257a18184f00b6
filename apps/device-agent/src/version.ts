import { readFileSync } from 'node:fs';
import path from 'node:path';

function versionOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || !('version' in json)) return undefined;
  const { version } = json;
  return typeof version === 'string' && version.length <= 64 ? version : undefined;
}

/** This app's version from its package.json (one level above both src/ and dist/). */
export function appVersion(): string {
  try {
    const text = readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8');
    return versionOf(JSON.parse(text)) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
