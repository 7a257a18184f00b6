import * as contracts from '@fleet/contracts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One name the architecture page must show: where it comes from, and a pattern of its written form. */
export interface DocumentedName {
  readonly source: string;
  /** The subject or bucket as the page writes it, `<name>` standing for each variable token. */
  readonly example: string;
  readonly pattern: RegExp;
}

const SENTINEL = (i: number): string => `\u0001${i}\u0001`;
const PLACEHOLDER = '<[A-Za-z]+>';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A name whose sentinel tokens stand for any `<placeholder>`; the page must show it in a code span. */
function documented(source: string, text: string): DocumentedName {
  const parts = text.split(/\u0001\d+\u0001/);
  return {
    source,
    example: parts.join('<x>'),
    pattern: new RegExp('`' + parts.map(escape).join(PLACEHOLDER) + '`'),
  };
}

/** Calls a subject builder with sentinels for its parameters. */
function built(fn: (...args: string[]) => unknown, arity: number): string {
  const value = fn(...Array.from({ length: arity }, (_, i) => SENTINEL(i)));
  if (typeof value !== 'string') throw new Error('a subject builder returned no string');
  return value;
}

/**
 * Every subject, bucket and stream name `@fleet/contracts` exports, enumerated from the code:
 * each entry of `subjects` (builders called with placeholders), every exported `*_BUCKET` /
 * `*_STREAM` / `SUBJECT_PREFIX` constant, the broker's partition mapping (source and the
 * `.<partition>` form it delivers) and a partition owner's subscriptions.
 */
export function contractNames(): DocumentedName[] {
  const names: DocumentedName[] = [];
  for (const [key, value] of Object.entries(contracts.subjects)) {
    if (typeof value === 'string') names.push(documented(`subjects.${key}`, value));
    else if (typeof value === 'function') names.push(documented(`subjects.${key}(...)`, built(value, value.length)));
  }
  for (const [key, value] of Object.entries(contracts)) {
    if (typeof value === 'string' && /(_BUCKET|_STREAM|^SUBJECT_PREFIX)$/.test(key)) names.push(documented(key, value));
  }
  const mapping = contracts.partitionMappings(contracts.DEFAULT_PARTITIONS);
  for (const [from, to] of Object.entries(mapping)) {
    names.push(documented(`partitionMappings: ${from}`, from.replace('*', SENTINEL(0))));
    names.push(documented(`partitionMappings -> ${to}`, to.replace(/\{\{wildcard\(\d+\)\}\}/, SENTINEL(0)).replace(/\{\{partition\([^)]*\)\}\}/, SENTINEL(1))));
  }
  // A partition number no real layout uses, to find where the partition goes in each subject.
  const p = 987_654;
  for (const layout of [{ mapped: true, count: contracts.MAX_PARTITIONS }, contracts.UNMAPPED_LAYOUT]) {
    for (const [key, subject] of Object.entries(contracts.partitionInbox(layout, p))) {
      names.push(documented(`partitionInbox(${layout.mapped ? 'mapped' : 'unmapped'}).${key}`, subject.replace(String(p), SENTINEL(0))));
    }
  }
  return names;
}

/** The names the page does not show. */
export function missingNames(page: string, names: readonly DocumentedName[]): string[] {
  return names.filter((n) => !n.pattern.test(page)).map((n) => `${n.source}: ${n.example}`);
}

/** One link of a markdown file: its target as written. */
export interface MarkdownLink {
  readonly file: string;
  readonly target: string;
}

/** Inline links and images `[text](target)` and reference definitions `[id]: target`, outside code spans. */
export function markdownLinks(file: string, text: string): MarkdownLink[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
  ];
  return targets.filter((t): t is string => t !== undefined).map((target) => ({ file, target }));
}

/**
 * Why a link leaves the repository or leads nowhere, or `undefined` for a link to a file (or a
 * heading) inside `root`.
 */
export function linkProblem(root: string, link: MarkdownLink): string | undefined {
  const { file, target } = link;
  if (target.startsWith('#')) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return `${target} points outside the repository`;
  const resolved = path.resolve(path.dirname(file), decodeURIComponent(target.split('#')[0] ?? ''));
  const relative = path.relative(root, resolved);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return `${target} points outside the repository`;
  if (!existsSync(resolved)) return `${target} does not exist`;
  return undefined;
}

/** What the README's scale section must quote from a results file. */
export interface BenchRun {
  readonly file: string;
  readonly startedAt: string;
  readonly commit: string | undefined;
}

function field(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || !(key in value)) return undefined;
  const found: unknown = Reflect.get(value, key);
  return found;
}

/**
 * The newest full benchmark run in `dir`: not `--quick`, and without arguments (plain
 * `npm run bench`; files from before the bench recorded its arguments count as full).
 */
export function latestFullRun(dir: string): BenchRun | undefined {
  const runs: BenchRun[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const results: unknown = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const argv = field(results, 'argv');
    const startedAt = field(results, 'startedAt');
    if (field(results, 'quick') === true || (Array.isArray(argv) && argv.length > 0) || typeof startedAt !== 'string') continue;
    const commit = field(field(results, 'revision'), 'commit');
    runs.push({ file, startedAt, commit: typeof commit === 'string' ? commit : undefined });
  }
  return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).at(-1);
}

/** The text of the markdown section under heading `title`, up to the next heading of its level or higher. */
export function markdownSection(text: string, title: string): string | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#{1,6} /.test(l) && l.replace(/^#+ /, '') === title);
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start] ?? '')?.[0].length ?? 1;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}
