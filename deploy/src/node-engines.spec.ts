import { engineAccepts, engineConflicts } from './node-engines';

describe('node engines - npm ranges', () => {
  it('reads the range forms found in the lock file', () => {
    expect(engineAccepts('>= 22.x', '24.0.0')).toBe(true);
    expect(engineAccepts('>= 22.x', '20.19.0')).toBe(false);
    expect(engineAccepts('>=22', '22.0.0')).toBe(true);
    expect(engineAccepts('^20.19.0 || ^22.13.0 || >=23.5.0', '22.12.0')).toBe(false);
    expect(engineAccepts('^20.19.0 || ^22.13.0 || >=23.5.0', '24.0.0')).toBe(true);
    expect(engineAccepts('^12.22.0 || ^14.17.0 || >=16.0.0', '24.0.0')).toBe(true);
    expect(engineAccepts('>=0.10.0', '24.0.0')).toBe(true);
    expect(engineAccepts('6.* || 8.* || >= 10.*', '24.0.0')).toBe(true);
    expect(engineAccepts('>= 8.0', '24.0.0')).toBe(true);
    expect(engineAccepts('>=18 <23', '24.0.0')).toBe(false);
    expect(engineAccepts('~22.1', '22.1.9')).toBe(true);
    expect(engineAccepts('~22.1', '22.2.0')).toBe(false);
    expect(engineAccepts('^0.8.1', '0.9.0')).toBe(false);
    expect(engineAccepts('<=22', '22.9.1')).toBe(true);
    expect(engineAccepts('*', '24.0.0')).toBe(true);
  });

  it('fails loudly on a range it cannot read rather than passing it', () => {
    expect(() => engineAccepts('>=node-24', '24.0.0')).toThrow(/unreadable/);
  });

  it('lists the locked packages whose engines reject a version', () => {
    const lock = {
      packages: {
        '': { engines: { node: '>=24' } },
        'node_modules/a': { engines: { node: '>=22' } },
        'node_modules/b': { engines: { node: '^20.19.0' }, dev: true },
        'node_modules/c': { engines: ['node >= 0.4'] },
        'node_modules/d': {},
      },
    };
    expect(engineConflicts(lock, '22.0.0')).toEqual([
      { path: '', range: '>=24', dev: false },
      { path: 'node_modules/b', range: '^20.19.0', dev: true },
    ]);
    expect(() => engineConflicts({ dependencies: {} }, '24.0.0')).toThrow(/packages/);
  });
});
