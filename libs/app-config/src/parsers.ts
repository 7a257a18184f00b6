import path from 'node:path';

/** The outcome of parsing one setting's text: its value, or why the text is not one. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** Turns the text of a flag or environment variable into a typed value. */
export interface Parser<T> {
  /** What a value looks like, shown after the flag in `--help`: `--port <0-65535>`. */
  readonly hint: string;
  /** True for an on/off switch given as a bare flag (`--quick`); its variable takes `true`/`false`. */
  readonly isSwitch?: boolean;
  parse(text: string): Parsed<T>;
  /** How a value is written as a default in `--help` and the README; `String(value)` otherwise. */
  show?(value: T): string;
}

/** A successful parse. */
export function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/** A failed parse; `error` completes "<flag>: ...", e.g. "must be within [1, 10]". */
export function fail(error: string): Parsed<never> {
  return { ok: false, error };
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** A whole number in [min, max] (decimal digits only: no sign, no exponent). */
export function int(min: number, max: number): Parser<number> {
  return {
    hint: `<${min}-${max}>`,
    parse(text) {
      const trimmed = text.trim();
      if (!WHOLE.test(trimmed)) return fail(`must be a whole number in [${min}, ${max}]`);
      const value = Number(trimmed);
      return value >= min && value <= max ? ok(value) : fail(`must be within [${min}, ${max}]`);
    },
  };
}

/** Bounds of {@link decimal}; an `open` bound excludes its value: `{ min: 0, openMin: true }` is "> 0". */
export interface DecimalBounds {
  readonly min: number;
  readonly max: number;
  readonly openMin?: boolean;
  readonly openMax?: boolean;
}

/** A non-negative decimal number (`0.5`, `10`) within bounds. */
export function decimal({ min, max, openMin = false, openMax = false }: DecimalBounds): Parser<number> {
  const range = `${openMin ? '(' : '['}${min}, ${max}${openMax ? ')' : ']'}`;
  return {
    hint: `<number ${range}>`,
    parse(text) {
      const trimmed = text.trim();
      const value = Number(trimmed);
      const inside = (openMin ? value > min : value >= min) && (openMax ? value < max : value <= max);
      return DECIMAL.test(trimmed) && inside ? ok(value) : fail(`must be a number in ${range}`);
    },
  };
}

/** A number greater than 0 and at most `max`. */
export function positive(max: number): Parser<number> {
  return decimal({ min: 0, max, openMin: true });
}

/** Options of {@link text}: a pattern the trimmed text must match, described for messages. */
export interface TextRule {
  readonly pattern: RegExp;
  readonly rule: string;
}

/** Non-empty text, trimmed; with a rule, it must match it. */
export function text(hint = '<text>', rule?: TextRule): Parser<string> {
  return {
    hint,
    parse(raw) {
      const trimmed = raw.trim();
      if (trimmed === '') return fail('must not be empty');
      return rule && !rule.pattern.test(trimmed) ? fail(`must be ${rule.rule}`) : ok(trimmed);
    },
  };
}

/** One of `choices`, exactly. */
export function choice<const T extends string>(choices: readonly T[]): Parser<T> {
  return {
    hint: `<${choices.join('|')}>`,
    parse(raw) {
      const found = choices.find((c) => c === raw.trim());
      return found === undefined ? fail(`must be one of: ${choices.join(', ')}`) : ok(found);
    },
  };
}

/** The comma-separated entries of `raw`, trimmed, blanks between commas ignored. */
function entries(raw: string): string[] {
  return raw.split(',').map((e) => e.trim()).filter((e) => e !== '');
}

/** Renders a list default as it is typed: `1,2,4`. */
function showList(values: readonly unknown[]): string {
  return values.join(',');
}

/** A comma-separated, non-empty list of whole numbers in [min, max]: `1,2,4`. */
export function intList(min: number, max: number): Parser<number[]> {
  const one = int(min, max);
  return {
    hint: `<n,n,...>`,
    parse(raw) {
      const items = entries(raw);
      if (items.length === 0) return fail('must list at least one number');
      const values: number[] = [];
      for (const item of items) {
        const parsed = one.parse(item);
        if (!parsed.ok) return fail(`"${item}": ${parsed.error}`);
        values.push(parsed.value);
      }
      return ok(values);
    },
    show: showList,
  };
}

/** A comma-separated, non-empty list of `choices`: `fleet,scaleout`. */
export function choiceList<const T extends string>(choices: readonly T[]): Parser<T[]> {
  const one = choice(choices);
  return {
    hint: `<${choices.join('|')},...>`,
    parse(raw) {
      const values: T[] = [];
      for (const item of entries(raw)) {
        const parsed = one.parse(item);
        if (!parsed.ok) return fail(`"${item}" ${parsed.error}`);
        values.push(parsed.value);
      }
      return values.length > 0 ? ok(values) : fail(`must name at least one of: ${choices.join(', ')}`);
    },
    show: showList,
  };
}

const SERVER_URL = /^(nats|tls|ws|wss):\/\/[^\s,]+$/;
/** A `user[:password]@` (or a token) before the host. */
const USERINFO = /^[a-z]+:\/\/[^/]*@/i;

/**
 * `NATS_URL`: one server or a comma-separated list of a cluster's servers
 * (`nats://a:4222,nats://b:4222`), blanks between commas ignored.
 */
export function natsUrls(): Parser<string[]> {
  return {
    hint: '<nats://host:port,...>',
    parse(raw) {
      const urls = entries(raw);
      if (urls.length === 0) return fail('needs at least one server URL');
      // Checked first, and without echoing the URL: it would print the password.
      if (urls.some((u) => USERINFO.test(u))) {
        return fail('must not carry a user or password (it would show in logs and process lists): give the credentials as files with --nats-nkey-file or --nats-user-file');
      }
      const bad = urls.find((u) => !SERVER_URL.test(u));
      return bad === undefined ? ok(urls) : fail(`"${bad}" is not a nats:// URL`);
    },
    show: showList,
  };
}

/** An on/off switch: the bare flag turns it on; its variable takes `true`, `false`, `1` or `0`. */
export function flagSwitch(): Parser<boolean> {
  return {
    hint: '',
    isSwitch: true,
    parse(raw) {
      const value = raw.trim();
      if (value === 'true' || value === '1') return ok(true);
      if (value === 'false' || value === '0') return ok(false);
      return fail('must be true, false, 1 or 0');
    },
  };
}

/** A file or directory path, made absolute against the working directory (not checked to exist). */
export function filePath(hint = '<path>'): Parser<string> {
  return {
    hint,
    parse(raw) {
      const trimmed = raw.trim();
      return trimmed === '' ? fail('must not be empty') : ok(path.resolve(trimmed));
    },
  };
}

/** Transforms what `parser` produced; `map` may refuse a value with an error. */
export function mapped<T, U>(parser: Parser<T>, map: (value: T) => Parsed<U>, show?: (value: U) => string): Parser<U> {
  return {
    hint: parser.hint,
    isSwitch: parser.isSwitch,
    parse(raw) {
      const parsed = parser.parse(raw);
      return parsed.ok ? map(parsed.value) : parsed;
    },
    show,
  };
}
