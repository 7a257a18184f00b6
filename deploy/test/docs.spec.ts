import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { contractNames, latestFullRun, linkProblem, markdownLinks, markdownSection, missingNames } from '../src/docs-check';
import { README, REPO_ROOT } from '../src/paths';

const ARCHITECTURE = path.join(REPO_ROOT, 'docs', 'architecture.md');
const DOCS = path.join(REPO_ROOT, 'docs');
const BENCH_RESULTS = path.join(REPO_ROOT, 'bench', 'results');

/** The project's own prose: the READMEs and every page under docs/. */
const markdownFiles = [
  README,
  path.join(REPO_ROOT, 'deploy', 'README.md'),
  ...readdirSync(DOCS).filter((f) => f.endsWith('.md')).map((f) => path.join(DOCS, f)),
];

describe('docs', () => {
  it('architecture - names every subject, bucket and stream that contracts exports, with the partition suffix', () => {
    const names = contractNames();
    // Enumerated from the code: every builder and wildcard of `subjects`, and the mapped forms.
    expect(names.length).toBeGreaterThan(25);
    expect(names.map((n) => n.example)).toEqual(
      expect.arrayContaining(['fleet.v1.control.command.<x>', 'fleet.v1.device.<x>.status.<x>', 'fleet.v1.device.*.status.<x>', 'fleet_state']),
    );
    expect(missingNames(readFileSync(ARCHITECTURE, 'utf8'), names)).toEqual([]);
  });

  it('architecture - the check reports a subject the page leaves out', () => {
    const page = readFileSync(ARCHITECTURE, 'utf8').replaceAll('fleet.v1.control.alarm.ack.<deviceId>`', 'elsewhere`');
    expect(missingNames(page, contractNames())).toEqual(expect.arrayContaining([expect.stringContaining('subjects.alarmAckFor')]));
  });

  it('links - no README or docs page links out of the repository or to a missing file', () => {
    const problems = markdownFiles.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const where = path.relative(REPO_ROOT, file);
      const mentions = /\.\.\/shared|ARCHITECTURE\.md/.test(text) ? [`${where}: names a design outside the repository`] : [];
      return [...mentions, ...markdownLinks(file, text).flatMap((link) => linkProblem(REPO_ROOT, link) ?? []).map((p) => `${where}: ${p}`)];
    });
    expect(problems).toEqual([]);
  });

  it('links - the check catches links that leave the repository', () => {
    const file = path.join(REPO_ROOT, 'README.md');
    const links = markdownLinks(file, 'See [design](../shared/ARCHITECTURE.md), [nats](https://nats.io), [ok](docs/architecture.md#processes) and `[code](../x)`.');
    expect(links.map((l) => l.target)).toEqual(['../shared/ARCHITECTURE.md', 'https://nats.io', 'docs/architecture.md#processes']);
    expect(links.map((l) => linkProblem(REPO_ROOT, l))).toEqual([
      '../shared/ARCHITECTURE.md points outside the repository',
      'https://nats.io points outside the repository',
      undefined,
    ]);
  });

  it('readme - "How far does it scale?" quotes the latest full benchmark run, its date and its commit', () => {
    const section = markdownSection(readFileSync(README, 'utf8'), 'How far does it scale?');
    expect(section).toBeDefined();
    const run = latestFullRun(BENCH_RESULTS);
    if (!run) throw new Error('no full benchmark run in bench/results');
    expect(section).toContain(`bench/results/${run.file}`);
    expect(section).toContain(run.startedAt.slice(0, 10));
    // Runs from before the bench recorded its commit are quoted with the commit that added them.
    expect(section).toMatch(run.commit ? new RegExp(`\\b${run.commit}\\b`) : /\bcommit\s+[0-9a-f]{7,}\b/);
  });
});
