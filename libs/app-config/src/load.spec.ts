import { loadConfig } from './load';
import { flagSwitch, int, natsUrls, positive, text } from './parsers';
import { defineSchema, derived, optional, required, setting } from './setting';

const hz = setting({ flag: 'status-hz', env: 'FLEET_STATUS_HZ', parser: positive(100), default: 10, description: 'rate' });
const timeout = derived({
  flag: 'timeout-ms',
  env: 'FLEET_TIMEOUT_MS',
  parser: int(10, 60_000),
  defaultText: '1.5 periods',
  from: (read) => Math.round(1500 / read(hz)),
  description: 'timeout',
});
const nats = setting({ flag: 'nats-url', env: 'NATS_URL', parser: natsUrls(), default: ['nats://127.0.0.1:4222'], description: 'broker' });
const name = required({ flag: 'name', env: 'FLEET_NAME', parser: text(), description: 'name' });
const note = optional({ flag: 'note', parser: text(), description: 'note' });
const quick = setting({ flag: 'quick', parser: flagSwitch(), default: false, description: 'quick' });
const fault = optional({ flag: 'fault', env: 'FLEET_FAULTS', parser: text(), repeatable: true, description: 'faults' });
const token = optional({ flag: 'token', env: 'FLEET_TOKEN', parser: text('<secret>', { pattern: /^[a-z]+$/, rule: 'letters' }), secret: true, description: 'secret' });

const SCHEMA = defineSchema({ name: 'demo', summary: 'a demo', usage: 'demo [options]' }, { hz, timeout, nats, name, note, quick, fault, token });

const load = (argv: string[], env: Record<string, string> = {}) =>
  loadConfig(SCHEMA, argv, { FLEET_NAME: 'n', ...env }, ({ read }) => ({
    hz: read(hz),
    timeout: read(timeout),
    nats: read(nats),
    name: read(name),
    note: read(note),
    quick: read(quick),
    fault: read(fault),
    token: read(token),
  }));

describe('loadConfig - sources', () => {
  it('uses defaults, derived defaults and leaves optional settings unset', () => {
    expect(load([])).toEqual({
      ok: true,
      config: { hz: 10, timeout: 150, nats: ['nats://127.0.0.1:4222'], name: 'n', note: undefined, quick: false, fault: undefined, token: undefined },
    });
  });

  it('prefers a flag over its variable over the default, in both --flag value and --flag=value forms', () => {
    expect(load(['--status-hz', '20'], { FLEET_STATUS_HZ: '5' })).toMatchObject({ ok: true, config: { hz: 20, timeout: 75 } });
    expect(load(['--status-hz=4'])).toMatchObject({ ok: true, config: { hz: 4, timeout: 375 } });
    expect(load([], { FLEET_STATUS_HZ: '5' })).toMatchObject({ ok: true, config: { hz: 5, timeout: 300 } });
  });

  it('lets a flag or variable override a derived default', () => {
    expect(load(['--timeout-ms', '500'])).toMatchObject({ ok: true, config: { hz: 10, timeout: 500 } });
    expect(load(['--status-hz', '20'], { FLEET_TIMEOUT_MS: '40' })).toMatchObject({ ok: true, config: { timeout: 40 } });
  });

  it('reads a bare switch, a repeated flag joined with commas, and the last of a repeated plain flag', () => {
    expect(load(['--quick', '--fault', 'a=hang', '--fault', 'b=refuse', '--note', 'x', '--note', 'y'], { FLEET_FAULTS: 'ignored' })).toMatchObject({
      ok: true,
      config: { quick: true, fault: 'a=hang,b=refuse', note: 'y' },
    });
    expect(load([], { FLEET_FAULTS: 'c=hang' })).toMatchObject({ ok: true, config: { fault: 'c=hang' } });
  });
});

describe('loadConfig - issues', () => {
  it('lists every problem at once, naming the flag or variable that carried it', () => {
    const result = load(['--status-hz', '0', '--nats-url', 'http://x'], { FLEET_NAME: '', FLEET_TIMEOUT_MS: 'soon' });
    expect(result).toEqual({
      ok: false,
      issues: [
        '--status-hz: must be a number in (0, 100]',
        'FLEET_TIMEOUT_MS: must be a whole number in [10, 60000]',
        '--nats-url: "http://x" is not a nats:// URL',
        'FLEET_NAME: must not be empty',
      ],
    });
  });

  it('names both ways of giving a missing required setting', () => {
    expect(loadConfig(SCHEMA, [], {}, ({ read }) => read(name))).toEqual({ ok: false, issues: ['--name / FLEET_NAME: is required'] });
  });

  it('refuses unknown options, missing values, stray arguments and values on switches, without throwing, and says only that', () => {
    const result = load(['--nmae', 'x', '--quick=yes', '-x', '--note', '--status-hz', '5', '--status-hz']);
    expect(result).toEqual({
      ok: false,
      issues: [
        'unknown option --nmae',
        'unexpected argument "x"',
        '--quick is a switch and takes no value',
        'unknown option -x',
        '--note needs a value',
        'unexpected argument "5"',
        '--status-hz needs a value',
      ],
    });
  });

  it('never echoes a secret\'s value', () => {
    const result = load(['--token', 'Hunter2']);
    expect(result).toEqual({ ok: false, issues: ['--token: is not valid (the value is secret, so it is not shown)'] });
    expect(JSON.stringify(result)).not.toMatch(/Hunter2/);
  });

  it('records free-form issues from the build step as they are', () => {
    expect(loadConfig(SCHEMA, [], { FLEET_NAME: 'n' }, ({ addIssue }) => addIssue('tokens: none given'))).toEqual({ ok: false, issues: ['tokens: none given'] });
  });

  it('accepts --help and -h (the program prints help before loading)', () => {
    expect(load(['--help']).ok).toBe(true);
    expect(load(['-h']).ok).toBe(true);
  });

  it('reports cross-field problems from the build step under the name that gave the value', () => {
    const check = (argv: string[], env: Record<string, string>) =>
      loadConfig(SCHEMA, argv, env, ({ read, report, origin }) => {
        if (read(timeout) > 200) report(timeout, `must not exceed 200 (it comes from ${origin(timeout)})`);
        return read(timeout);
      });
    expect(check(['--timeout-ms', '300', '--name', 'n'], {})).toEqual({ ok: false, issues: ['--timeout-ms: must not exceed 200 (it comes from flag)'] });
    expect(check([], { FLEET_NAME: 'n', FLEET_STATUS_HZ: '1' })).toEqual({ ok: false, issues: ['--timeout-ms / FLEET_TIMEOUT_MS: must not exceed 200 (it comes from default)'] });
    expect(check([], { FLEET_NAME: 'n' })).toEqual({ ok: true, config: 150 });
  });

  it('keeps checking after a bad value, with the default standing in for it', () => {
    const result = loadConfig(SCHEMA, ['--status-hz', 'x', '--note', 'bad'], { FLEET_NAME: 'n' }, ({ read, report }) => {
      if (read(note) === 'bad') report(note, 'is bad');
      return read(timeout);
    });
    expect(result).toEqual({ ok: false, issues: ['--status-hz: must be a number in (0, 100]', '--note: is bad'] });
  });

  it('throws on a programming error: reading a setting that is not in the schema', () => {
    const stray = setting({ flag: 'stray', parser: int(0, 1), default: 0, description: 's' });
    expect(() => loadConfig(SCHEMA, [], { FLEET_NAME: 'n' }, ({ read }) => read(stray))).toThrow(/--stray is read but not in the schema/);
  });
});
