/// <reference types="node" />
// Node types only for this spec: it reads the source files to check the import graph.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as main from './index';
import * as wire from './wire';

/** Relative imports and package imports (not type-only) of one source file. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)(?! type)[^;]*?from '([^']+)'/gms)].map((m) => m[1] ?? '');
  return {
    local: specifiers.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), `${s}.ts`)),
    packages: specifiers.filter((s) => !s.startsWith('.')),
  };
}

describe('wire entry point - lean', () => {
  it('loads no zod, directly or through any file it imports', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const { local, packages: used } = importsOf(file);
      for (const p of used) packages.add(p);
      local.forEach(visit);
    };
    visit(path.join(__dirname, 'wire.ts'));
    expect([...packages].sort()).toEqual(['xstate']);
  });

  it('exports the very same values as the main entry point', () => {
    const mainExports = new Map(Object.entries(main));
    for (const [name, value] of Object.entries(wire)) expect([name, mainExports.get(name)]).toEqual([name, value]);
  });
});
