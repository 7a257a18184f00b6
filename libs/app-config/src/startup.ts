import { wantsHelp } from './args';
import type { LoadResult } from './load';
import { renderHelp } from './render';
import type { Schema } from './setting';

/** Exit code of a program started with a bad configuration (docs/conventions.md). */
export const EXIT_BAD_CONFIG = 2;

/** Where start-up writes and how it ends the process; a test passes its own. */
export interface StartupIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly exit: (code: number) => never;
}

const PROCESS_IO: StartupIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  exit: (code) => process.exit(code),
};

/**
 * A program's first step: with `--help` or `-h`, prints the help and exits 0; otherwise runs
 * `load` and returns its config, or prints each issue on one line, then where to look, and exits
 * with code 2. Nothing has been started yet, so exiting here leaves nothing behind.
 */
export function startupConfig<C>(schema: Schema, argv: readonly string[], load: () => LoadResult<C>, io: StartupIo = PROCESS_IO): C {
  if (wantsHelp(schema, argv)) {
    io.out(renderHelp(schema));
    return io.exit(0);
  }
  const result = load();
  if (result.ok) return result.config;
  const name = schema.program.name;
  io.err(result.issues.map((issue) => `${name}: ${issue}\n`).join(''));
  io.err(`${name}: see ${name} --help for every option\n`);
  return io.exit(EXIT_BAD_CONFIG);
}
