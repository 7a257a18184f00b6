import { int, text } from './parsers';
import { loadConfig } from './load';
import { defineSchema, required, setting } from './setting';
import { startupConfig, type StartupIo } from './startup';

const port = setting({ flag: 'port', env: 'FLEET_PORT', parser: int(0, 65535), default: 8080, description: 'HTTP port' });
const name = required({ flag: 'name', parser: text(), description: 'name' });
const SCHEMA = defineSchema({ name: 'demo', summary: 's', usage: 'demo [options]' }, { port, name });

class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Runs start-up with captured output; the exit becomes a thrown marker, as process.exit never returns. */
function run(argv: string[]): { out: string; err: string; code: number | undefined; config: unknown } {
  let out = '';
  let err = '';
  const io: StartupIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    exit: (code) => {
      throw new Exit(code);
    },
  };
  try {
    const config = startupConfig(SCHEMA, argv, () => loadConfig(SCHEMA, argv, {}, ({ read }) => ({ port: read(port), name: read(name) })), io);
    return { out, err, code: undefined, config };
  } catch (e) {
    if (e instanceof Exit) return { out, err, code: e.code, config: undefined };
    throw e;
  }
}

describe('startupConfig', () => {
  it('--help and -h print the help and exit 0, even beside a bad or missing option', () => {
    for (const argv of [['--help'], ['-h'], ['--bogus', '-h'], ['--port', 'x', '--help']]) {
      const r = run(argv);
      expect({ argv, code: r.code, err: r.err }).toEqual({ argv, code: 0, err: '' });
      expect(r.out).toContain('--port <0-65535>');
      expect(r.out).toContain('--name <text>');
    }
  });

  it('an unknown flag is one clear line, then where to look, and exit code 2', () => {
    const r = run(['--nmae', 'x', '--name', 'a']);
    expect(r).toEqual({ out: '', err: 'demo: unknown option --nmae\ndemo: unexpected argument "x"\ndemo: see demo --help for every option\n', code: 2, config: undefined });
  });

  it('returns the config when it is valid', () => {
    expect(run(['--name', 'a'])).toEqual({ out: '', err: '', code: undefined, config: { port: 8080, name: 'a' } });
  });
});
