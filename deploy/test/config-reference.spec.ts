import { readFileSync } from 'node:fs';
import { defaultShown } from '@fleet/app-config';
import { APP_NAMES, DEFAULT_HTTP_PORTS, PROGRAM_NAMES, SCHEMAS, loadAppConfig } from '../src/apps';
import { MINIMAL_ENV } from '../src/config-docs';
import { baselineConfig, renderConfigReference } from '../src/config-reference';
import { README } from '../src/paths';
import { readSection } from '../src/readme-sections';

describe('configuration reference', () => {
  it('readme - the generated section is current (npm run docs:deploy rewrites it)', () => {
    expect(readSection(readFileSync(README, 'utf8'), 'config-reference')).toBe(renderConfigReference());
  });

  it('readme - lists every program, and each of its flags and variables with a meaning', () => {
    const reference = renderConfigReference();
    for (const program of PROGRAM_NAMES) {
      expect(reference).toContain(`#### ${program} (`);
      for (const s of SCHEMAS[program].settings) {
        expect({ program, flag: s.flag, described: s.description.trim().length > 0 }).toEqual({ program, flag: s.flag, described: true });
        expect(reference).toContain(`\`--${s.flag}\``);
        if (s.env !== undefined) expect(reference).toContain(`| \`${s.env}\` | \`--${s.flag}\``);
      }
    }
  });

  it('docs - a default the reference shows is the one the loader uses: giving it explicitly changes nothing', () => {
    for (const app of APP_NAMES) {
      const baseline = baselineConfig(app);
      for (const s of SCHEMAS[app].settings) {
        const shown = defaultShown(s);
        if (!shown.literal) continue;
        const explicit = loadAppConfig(app, [`--${s.flag}=${shown.text}`], MINIMAL_ENV[app]);
        expect({ app, flag: s.flag, config: explicit.ok ? explicit.config : explicit.problems }).toEqual({ app, flag: s.flag, config: baseline });
        if (s.env === undefined) continue;
        const byEnv = loadAppConfig(app, [], { ...MINIMAL_ENV[app], [s.env]: shown.text });
        expect({ app, env: s.env, config: byEnv.ok ? byEnv.config : byEnv.problems }).toEqual({ app, env: s.env, config: baseline });
      }
    }
  });

  it('docs - required settings are exactly what each app cannot start without', () => {
    for (const app of APP_NAMES) {
      expect(loadAppConfig(app, [], MINIMAL_ENV[app]).ok).toBe(true);
      expect({ app, loadsEmpty: loadAppConfig(app, [], {}).ok }).toEqual({ app, loadsEmpty: Object.keys(MINIMAL_ENV[app]).length === 0 });
    }
  });

  it('ports - controller and simulator defaults are the exported constants', () => {
    expect(baselineConfig('controller').httpPort).toBe(DEFAULT_HTTP_PORTS.controller);
    expect(baselineConfig('sim').httpPort).toBe(DEFAULT_HTTP_PORTS.sim);
  });
});
