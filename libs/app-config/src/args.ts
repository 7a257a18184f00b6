import { parseArgs } from 'node:util';
import type { Schema, Setting } from './setting';

/** The command line, sorted: each setting's flag texts, whether help was asked, what was wrong. */
export interface ScannedArgs {
  readonly given: ReadonlyMap<Setting<unknown>, readonly string[]>;
  readonly help: boolean;
  readonly issues: readonly string[];
}

/**
 * Splits `argv` by the schema's flags (`--flag value`, `--flag=value`, bare switches, `-h`).
 * Unlike `parseArgs`'s strict mode it never throws: an unknown option, a missing value or a
 * stray argument each become one short issue.
 */
export function scanArgs(schema: Schema, argv: readonly string[]): ScannedArgs {
  const byFlag = new Map(schema.settings.map((s) => [s.flag, s]));
  const options = Object.fromEntries(
    schema.settings.map((s) => [s.flag, { type: s.parser.isSwitch ? ('boolean' as const) : ('string' as const) }]),
  );
  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: { ...options, help: { type: 'boolean', short: 'h' } },
  });
  const given = new Map<Setting<unknown>, string[]>();
  const issues: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      issues.push(`unexpected argument "${token.value}"`);
      continue;
    }
    if (token.kind !== 'option') continue;
    if (token.name === 'help') {
      help = true;
      continue;
    }
    const setting = byFlag.get(token.name);
    if (setting === undefined) {
      issues.push(`unknown option ${token.rawName}`);
      continue;
    }
    let text: string;
    if (setting.parser.isSwitch) {
      if (token.inlineValue) {
        issues.push(`${token.rawName} is a switch and takes no value`);
        continue;
      }
      text = 'true';
    } else {
      // parseArgs takes the next argument greedily; `--port --host x` is a missing value, not a port.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
        issues.push(`${token.rawName} needs a value`);
        continue;
      }
      text = token.value;
    }
    given.set(setting, [...(given.get(setting) ?? []), text]);
  }
  return { given, help, issues };
}

/** True when `argv` asks for `--help` or `-h` (as an option, not as another option's value). */
export function wantsHelp(schema: Schema, argv: readonly string[]): boolean {
  return scanArgs(schema, argv).help;
}
