import { renderHelp, renderMarkdownTable } from './render';
import { choice, flagSwitch, int, intList, text } from './parsers';
import { defineSchema, derived, optional, required, setting } from './setting';

const hz = setting({ flag: 'status-hz', env: 'FLEET_STATUS_HZ', parser: int(1, 100), default: 10, description: 'polls per second' });
const SCHEMA = defineSchema(
  { name: 'demo', summary: 'a demo program.', usage: 'node demo.js [options]' },
  {
    hz,
    timeout: derived({ flag: 'timeout-ms', env: 'FLEET_TIMEOUT_MS', parser: int(10, 1000), defaultText: '1.5 poll periods (`150` at 10 Hz)', from: (r) => 1500 / r(hz), description: 'request timeout' }),
    kind: required({ flag: 'kind', env: 'FLEET_KIND', parser: choice(['camera', 'stage']), description: '`camera` or `stage` | more' }),
    steps: setting({ flag: 'steps', parser: intList(1, 9), default: [1, 2], description: 'steps' }),
    quick: setting({ flag: 'quick', parser: flagSwitch(), default: false, description: 'smoke run' }),
    tokens: optional({ flag: 'tokens-file', env: 'FLEET_TOKENS_FILE', parser: text('<file>'), secret: true, description: 'token file' }),
    pass: setting({ flag: 'pass', parser: text(), default: 'hunter2', secret: true, description: 'a secret with a default' }),
  },
);

describe('renderHelp', () => {
  const help = renderHelp(SCHEMA);

  it('lists every flag with its value form, variable, default and meaning, and -h itself', () => {
    expect(help).toMatch(/^demo: a demo program\.\n\nUsage: node demo\.js \[options\]/);
    expect(help).toContain('  --status-hz <1-100>\n      polls per second\n      env FLEET_STATUS_HZ; default: 10');
    expect(help).toContain('  --timeout-ms <10-1000>\n      request timeout\n      env FLEET_TIMEOUT_MS; default: 1.5 poll periods (150 at 10 Hz)');
    expect(help).toContain('  --kind <camera|stage>\n      camera or stage | more\n      env FLEET_KIND; default: (required)');
    expect(help).toContain('  --steps <n,n,...>\n      steps\n      default: 1,2');
    expect(help).toContain('  --quick\n      smoke run\n      default: false');
    expect(help).toContain('  --tokens-file <file>\n      token file\n      env FLEET_TOKENS_FILE; default: (none); secret');
    expect(help).toContain('  -h, --help\n');
  });

  it('never prints a secret\'s value', () => {
    expect(help).not.toContain('hunter2');
    expect(help).toContain('default: (secret); secret');
  });

  it('wraps long meanings under the flag', () => {
    const long = defineSchema({ name: 'x', summary: 's', usage: 'x' }, { a: setting({ flag: 'a', parser: int(0, 1), default: 0, description: 'word '.repeat(40) }) });
    const lines = renderHelp(long).split('\n');
    expect(lines.every((line) => line.length <= 100)).toBe(true);
    expect(lines.filter((line) => line.startsWith('      word')).length).toBeGreaterThan(1);
    expect(lines).toContain('Options:');
    expect(help).toContain('Options (a flag wins over its environment variable, which wins over the default):');
  });
});

describe('renderMarkdownTable', () => {
  it('is one row per setting: variable, flag, default (literal values as code) and meaning, pipes escaped', () => {
    expect(renderMarkdownTable(SCHEMA).split('\n')).toEqual([
      '| variable | flag | default | meaning |',
      '| --- | --- | --- | --- |',
      '| `FLEET_STATUS_HZ` | `--status-hz` | `10` | polls per second |',
      '| `FLEET_TIMEOUT_MS` | `--timeout-ms` | 1.5 poll periods (`150` at 10 Hz) | request timeout |',
      '| `FLEET_KIND` | `--kind` | (required) | `camera` or `stage` \\| more |',
      '|  | `--steps` | `1,2` | steps |',
      '|  | `--quick` | `false` | smoke run |',
      '| `FLEET_TOKENS_FILE` | `--tokens-file` | (none) | token file |',
      '|  | `--pass` | (secret) | a secret with a default |',
    ]);
  });
});
