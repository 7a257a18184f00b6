import { cpus, release, totalmem, type } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One measured row of the failure model (docs/architecture.md, "Failure model"). */
export interface ReliabilityRow {
  /** The fault as the table names it, e.g. `agent SIGKILL`. */
  fault: string;
  /** What is measured and its promised bound, e.g. `Offline shown ≤ 500 ms`. */
  target: string;
  /** The measured figure with its unit, e.g. `412 ms`. */
  measured: string;
  /** Judged against the real target, not the test's generous assertion margin. */
  pass: boolean;
  /** Why a target was missed, or what else the figure includes. */
  note?: string;
}

/**
 * Every fault spec, by the id it records under. The report is only rendered when each of these
 * recorded its rows in this run, so that a partial run never overwrites the committed table.
 */
export const FAULT_SPECS = [
  'agent-sigkill',
  'device-link',
  'broker-restart',
  'controller-restart',
  'gateway-restart',
  'hostile-nats',
  'hostile-socket',
  'viewer-command',
] as const;
export type FaultSpecId = (typeof FAULT_SPECS)[number];

const ROOT = resolve(__dirname, '..', '..', '..', '..');
/** Heading of the section `npm run test:security` writes after the table. */
const SECURITY_SECTION = '## Security: ';
/** Where specs (separate jest workers) leave their rows for the teardown, one folder per run. */
const ROWS_ROOT = join(ROOT, 'test-output', 'reliability');
/** Set by the global setup and inherited by the workers: concurrent runs never mix their rows. */
const RUN_ENV = 'FLEET_RELIABILITY_RUN_DIR';
/**
 * `npm run test:faults` publishes the table in docs/reliability.md (committed); any other run,
 * such as the fault specs inside `npm test`, writes it to the ignored test-output/ so that a test
 * run never edits a tracked file.
 */
export const REPORT_FILE =
  process.env.FLEET_RELIABILITY_REPORT === 'docs'
    ? join(ROOT, 'docs', 'reliability.md')
    : join(ROOT, 'test-output', 'reliability.md');

/** This run's rows folder; a spec run without the global setup writes to `adhoc`. */
function rowsDir(): string {
  return process.env[RUN_ENV] ?? join(ROWS_ROOT, 'adhoc');
}

/** Starts a run: a fresh rows folder, named for the workers through the environment. */
export function beginRun(): void {
  const dir = join(ROWS_ROOT, `run-${process.pid}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  process.env[RUN_ENV] = dir;
}

/** Ends a run: removes its rows folder once rendered (or not). */
export function endRun(): void {
  const dir = process.env[RUN_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}

const collected = new Map<FaultSpecId, ReliabilityRow[]>();

/**
 * Adds one row for `spec`, prints it, and rewrites the spec's JSON file so a later failure in
 * the same spec still leaves the rows measured so far.
 */
export function recordRow(spec: FaultSpecId, row: ReliabilityRow): void {
  const rows = [...(collected.get(spec) ?? []).filter((r) => r.fault !== row.fault || r.target !== row.target), row];
  collected.set(spec, rows);
  console.log(`[reliability] ${row.fault} | ${row.target} | measured ${row.measured} | ${row.pass ? 'PASS' : 'FAIL'}${row.note ? ` | ${row.note}` : ''}`);
  mkdirSync(rowsDir(), { recursive: true });
  writeFileSync(join(rowsDir(), `${spec}.json`), JSON.stringify(rows, null, 2));
}

function isRow(value: unknown): value is ReliabilityRow {
  return (
    typeof value === 'object' &&
    value !== null &&
    'fault' in value && typeof value.fault === 'string' &&
    'target' in value && typeof value.target === 'string' &&
    'measured' in value && typeof value.measured === 'string' &&
    'pass' in value && typeof value.pass === 'boolean'
  );
}

function readRows(spec: FaultSpecId): ReliabilityRow[] | undefined {
  const file = join(rowsDir(), `${spec}.json`);
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return Array.isArray(parsed) ? parsed.filter(isRow) : undefined;
}

function machine(): string {
  const cpu = cpus();
  const gib = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${gib} GiB RAM, ${type()} ${release()}, Node ${process.version}`;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * Writes docs/reliability.md from every spec's rows, if every spec of {@link FAULT_SPECS}
 * recorded some; returns whether it wrote. Rows files other than the known specs are ignored.
 */
export function renderReliabilityReport(now: Date = new Date()): boolean {
  const bySpec = FAULT_SPECS.map((spec) => ({ spec, rows: readRows(spec) }));
  const missing = bySpec.filter((s) => !s.rows || s.rows.length === 0).map((s) => s.spec);
  if (missing.length > 0) {
    const present = existsSync(rowsDir()) ? readdirSync(rowsDir()).length : 0;
    if (present > 0) console.log(`[reliability] not writing ${REPORT_FILE}: no rows from ${missing.join(', ')} (partial run)`);
    return false;
  }
  const rows = bySpec.flatMap((s) => s.rows ?? []);
  const failed = rows.filter((r) => !r.pass).length;
  const lines = [
    '# Reliability: the failure model, measured',
    '',
    '<!-- Generated by `npm run test:faults` (apps/fleet-e2e/test/faults); do not edit by hand. -->',
    '',
    `Measured on ${now.toISOString().slice(0, 10)} (${now.toISOString()}) on ${machine()}.`,
    '',
    'Each row is an automated test against real processes: a real nats-server, the simulator, one',
    'agent process per device, the controller, the gateway and a real Socket.IO client. "pass" is',
    'judged against the target promised in the failure model of [architecture.md](architecture.md#failure-model);',
    'the tests themselves assert with a generous margin so that a loaded machine does not make them flaky.',
    '',
    `${rows.length - failed} of ${rows.length} rows meet their target.`,
    '',
    '| fault | target | measured | result | note |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${cell(r.fault)} | ${cell(r.target)} | ${cell(r.measured)} | ${r.pass ? 'pass' : '**fail**'} | ${cell(r.note ?? '')} |`),
    '',
  ];
  mkdirSync(join(ROOT, 'docs'), { recursive: true });
  // The security suite's section (test/security) follows the fault table: keep it.
  const previous = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '';
  const security = previous.indexOf(SECURITY_SECTION);
  writeFileSync(REPORT_FILE, `${lines.join('\n')}${security < 0 ? '' : `\n${previous.slice(security)}`}`);
  console.log(`[reliability] wrote ${REPORT_FILE}: ${rows.length - failed}/${rows.length} rows pass`);
  return true;
}
