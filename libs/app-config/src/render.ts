import type { Schema, Setting } from './setting';

/** A setting's default for people: a literal value (`10`) or a phrase (`1.5 poll periods`). */
export interface DefaultShown {
  readonly literal: boolean;
  readonly text: string;
}

/** How a setting's default is shown; a secret's value never is. */
export function defaultShown(setting: Setting<unknown>): DefaultShown {
  if (setting.defaultText !== undefined) return { literal: false, text: setting.defaultText };
  const fallback = setting.fallback;
  if (fallback.kind === 'required') return { literal: false, text: '(required)' };
  if (fallback.kind === 'derived') return { literal: false, text: fallback.text };
  const value = fallback.value;
  // An empty list reads as unset too (String([]) is '').
  if (value === undefined || String(value) === '') return { literal: false, text: '(none)' };
  if (setting.secret) return { literal: false, text: '(secret)' };
  return { literal: true, text: setting.parser.show ? setting.parser.show(value) : String(value) };
}

/** Markdown's code marks, dropped for the terminal. */
const plain = (text: string): string => text.replace(/`/g, '');

/** Wraps `text` to lines of at most `width` characters, each starting with `indent`. */
function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(indent + line);
  return lines;
}

/**
 * The `--help` text: usage, then every flag with its value form, variable, default and meaning.
 * Precedence is stated once: a flag wins over its variable, which wins over the default.
 */
export function renderHelp(schema: Schema): string {
  const { program } = schema;
  const out = [`${program.name}: ${program.summary}`, '', `Usage: ${program.usage}`, ''];
  const withEnv = schema.settings.some((s) => s.env !== undefined);
  out.push(withEnv ? 'Options (a flag wins over its environment variable, which wins over the default):' : 'Options:', '');
  for (const s of schema.settings) {
    const head = `  --${s.flag}${s.parser.hint === '' ? '' : ` ${s.parser.hint}`}${s.repeatable ? ' (repeatable)' : ''}`;
    const shown = defaultShown(s);
    const facts = [s.env === undefined ? undefined : `env ${s.env}`, `default: ${plain(shown.text)}`, s.secret ? 'secret' : undefined];
    out.push(head, ...wrap(plain(s.description), '      '), `      ${facts.filter((f) => f !== undefined).join('; ')}`);
  }
  out.push('  -h, --help', '      print this help and exit', '');
  return out.join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/**
 * The README reference of one program: a markdown table with each setting's variable, flag,
 * default and meaning.
 */
export function renderMarkdownTable(schema: Schema): string {
  const rows = ['| variable | flag | default | meaning |', '| --- | --- | --- | --- |'];
  for (const s of schema.settings) {
    const shown = defaultShown(s);
    const value = shown.literal ? `\`${shown.text}\`` : shown.text;
    const flag = `\`--${s.flag}\`${s.repeatable ? ' (repeatable)' : ''}`;
    rows.push(`| ${s.env === undefined ? '' : `\`${s.env}\``} | ${flag} | ${cell(value)} | ${cell(s.description)} |`);
  }
  return rows.join('\n');
}
