import type { Parser } from './parsers';

/** Reads a setting's value while a config is being built (flag > env > default). */
export type Read = <T>(setting: Setting<T>) => T;

/** Where a setting's value comes from when neither its flag nor its variable is given. */
export type Fallback<T> =
  | { readonly kind: 'value'; readonly value: T }
  | { readonly kind: 'required' }
  | { readonly kind: 'derived'; readonly text: string; readonly from: (read: Read) => T };

/** What every setting declares: how it is given, what it means and how its text is parsed. */
export interface SettingSpec<T> {
  /** The long flag without its dashes: `status-hz` for `--status-hz`. */
  readonly flag: string;
  /** The environment variable (`FLEET_*` or `NATS_URL`); none for flag-only tools. */
  readonly env?: string;
  /** What it means, one line; backticks mark code in the README and are dropped in `--help`. */
  readonly description: string;
  readonly parser: Parser<T>;
  /** A secret (or the path of a file holding one): its value is never printed or echoed in an issue. */
  readonly secret?: boolean;
  /** The flag may be given several times; the occurrences are joined with commas, like its variable. */
  readonly repeatable?: boolean;
  /** Shown as the default instead of the value, when that depends on the machine. */
  readonly defaultText?: string;
}

/** One setting of a program's schema. */
export interface Setting<T> extends SettingSpec<T> {
  readonly fallback: Fallback<T>;
}

/** A setting with a default value. */
export function setting<T>(spec: SettingSpec<T> & { readonly default: NoInfer<T> }): Setting<T> {
  return { ...spec, fallback: { kind: 'value', value: spec.default } };
}

/** A setting that may stay unset (`undefined`). */
export function optional<T>(spec: SettingSpec<T>): Setting<T | undefined> {
  return { ...spec, fallback: { kind: 'value', value: undefined } };
}

/** A setting without which the program cannot start. */
export function required<T>(spec: SettingSpec<T>): Setting<T> {
  return { ...spec, fallback: { kind: 'required' } };
}

/**
 * A setting whose default is computed from other settings (e.g. a timeout from a poll rate).
 * `defaultText` says how, for `--help` and the README.
 */
export function derived<T>(spec: SettingSpec<T> & { readonly defaultText: string; readonly from: (read: Read) => T }): Setting<T> {
  return { ...spec, fallback: { kind: 'derived', text: spec.defaultText, from: spec.from } };
}

/** The program a schema configures, for `--help`. */
export interface ProgramInfo {
  /** The name used in messages and `--help`: `device-agent`. */
  readonly name: string;
  /** One sentence on what the program does. */
  readonly summary: string;
  /** How it is started, e.g. `node apps/device-agent/dist/main.js [options]`. */
  readonly usage: string;
}

/** A program's settings, in the order `--help` and the README list them. */
export interface Schema {
  readonly program: ProgramInfo;
  readonly settings: readonly Setting<unknown>[];
}

const FLAG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ENV = /^[A-Z][A-Z0-9_]*$/;

/**
 * Gathers a program's settings into a schema. Throws on a programming error in the declaration
 * (a repeated flag or variable, a malformed name, `--help` taken), so that it shows at start-up
 * and in the app's unit test, never in front of an operator.
 */
export function defineSchema(program: ProgramInfo, settings: Readonly<Record<string, Setting<unknown>>>): Schema {
  const list = Object.values(settings);
  const flags = new Set<string>(['help']);
  const envs = new Set<string>();
  for (const s of list) {
    if (!FLAG.test(s.flag)) throw new Error(`${program.name}: flag "${s.flag}" must be kebab-case, without dashes in front`);
    if (flags.has(s.flag)) throw new Error(`${program.name}: flag --${s.flag} is declared twice (or is --help)`);
    flags.add(s.flag);
    if (s.env !== undefined) {
      if (!ENV.test(s.env)) throw new Error(`${program.name}: variable "${s.env}" must be UPPER_SNAKE_CASE`);
      if (envs.has(s.env)) throw new Error(`${program.name}: variable ${s.env} is declared twice`);
      envs.add(s.env);
    }
    if (s.repeatable && s.parser.isSwitch) throw new Error(`${program.name}: switch --${s.flag} cannot be repeatable`);
  }
  return { program, settings: list };
}
