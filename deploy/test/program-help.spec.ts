import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROGRAM_NAMES, PROGRAM_PACKAGES, SCHEMAS, type ProgramName } from '../src/apps';
import { REPO_ROOT } from '../src/paths';

/** Runs a program's built entry script (its package's "." export) as an operator would. */
function run(program: ProgramName, args: readonly string[], nodeArgs: readonly string[] = []) {
  const main = require.resolve(PROGRAM_PACKAGES[program]);
  const result = spawnSync(process.execPath, [...nodeArgs, main, ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('programs - --help and bad flags, from the built entry scripts', () => {
  it.each(PROGRAM_NAMES)('%s --help prints every flag and variable and exits 0, before starting anything', (program) => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = run(program, [flag]);
      expect({ program, flag, code, stderr }).toEqual({ program, flag, code: 0, stderr: '' });
      const missing = SCHEMAS[program].settings.flatMap((s) => [`--${s.flag}`, s.env ?? `--${s.flag}`]).filter((name) => !stdout.includes(name));
      expect({ program, missing }).toEqual({ program, missing: [] });
      expect(stdout).toContain('-h, --help');
    }
  });

  it.each(PROGRAM_NAMES)('%s refuses an unknown flag in one line, points at --help and exits 2 without a stack trace', (program) => {
    const { code, stdout, stderr } = run(program, ['--no-such-flag']);
    const name = SCHEMAS[program].program.name;
    expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: `${name}: unknown option --no-such-flag\n${name}: see ${name} --help for every option\n` });
  });

  it('agent - its program loads no zod (about 5 MB of its 20 MB memory budget); the controller does, so the probe works', () => {
    // Preloaded: on exit, print how many zod modules were loaded.
    const probe = path.join(mkdtempSync(path.join(tmpdir(), 'zod-probe-')), 'probe.js');
    writeFileSync(probe, "process.on('exit', () => process.stdout.write('zod modules: ' + Object.keys(require.cache).filter((f) => /[\\\\/]node_modules[\\\\/]zod[\\\\/]/.test(f)).length + '\\n'));\n");
    const controller = run('controller', ['--help'], ['--require', probe]);
    expect(controller.code).toBe(0);
    expect(controller.stdout).toMatch(/zod modules: [1-9]\d*\n$/);
    const agent = run('agent', ['--help'], ['--require', probe]);
    expect(agent.code).toBe(0);
    expect(agent.stdout).toMatch(/zod modules: 0\n$/);
  });
});
