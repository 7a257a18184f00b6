import { readFileSync } from 'node:fs';
import { APP_NAMES, DEFAULT_HTTP_PORTS, envReads, loadAppConfig } from '../src/apps';
import { MINIMAL_ENV, VAR_DOCS } from '../src/config-docs';
import { baselineConfig, renderConfigReference } from '../src/config-reference';
import { README } from '../src/paths';
import { readSection } from '../src/readme-sections';

describe('configuration reference', () => {
  it('readme - the generated section is current (npm run docs:deploy rewrites it)', () => {
    expect(readSection(readFileSync(README, 'utf8'), 'config-reference')).toBe(renderConfigReference());
  });

  it('docs - every variable an app reads is described, and no description names one it does not read', () => {
    for (const app of APP_NAMES) {
      expect({ app, vars: [...envReads(app)].sort() }).toEqual({ app, vars: Object.keys(VAR_DOCS[app]).sort() });
    }
  });

  it('docs - each variable sets the field it is documented with, and its flag sets the same', () => {
    for (const app of APP_NAMES) {
      const baseline = baselineConfig(app);
      for (const [key, doc] of Object.entries(VAR_DOCS[app])) {
        if (!doc.field || doc.example === undefined) continue;
        const byEnv = loadAppConfig(app, [], { ...MINIMAL_ENV[app], [key]: doc.example });
        const fieldOf = (r: typeof byEnv) => (r.ok ? r.config[doc.field ?? ''] : r.problems);
        expect({ app, key, changed: JSON.stringify(fieldOf(byEnv)) !== JSON.stringify(baseline[doc.field]) }).toEqual({ app, key, changed: true });
        if (doc.flag) {
          const byFlag = loadAppConfig(app, [doc.flag, doc.example], MINIMAL_ENV[app]);
          expect({ app, key, flag: fieldOf(byFlag) }).toEqual({ app, key, flag: fieldOf(byEnv) });
        }
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
