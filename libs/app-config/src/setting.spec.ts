import { flagSwitch, int } from './parsers';
import { defineSchema, setting, type Setting } from './setting';

const PROGRAM = { name: 'demo', summary: 'a demo', usage: 'demo [options]' };

describe('defineSchema - declaration errors show at start-up', () => {
  it('refuses a repeated flag or variable, --help, malformed names and a repeatable switch', () => {
    const a = setting({ flag: 'port', env: 'FLEET_PORT', parser: int(0, 9), default: 1, description: 'p' });
    const cases: Array<Record<string, Setting<unknown>>> = [
      { a, b: setting({ flag: 'port', parser: int(0, 9), default: 1, description: 'q' }) },
      { a, b: setting({ flag: 'other', env: 'FLEET_PORT', parser: int(0, 9), default: 1, description: 'q' }) },
      { b: setting({ flag: 'help', parser: int(0, 9), default: 1, description: 'q' }) },
      { b: setting({ flag: '--port', parser: int(0, 9), default: 1, description: 'q' }) },
      { b: setting({ flag: 'port', env: 'fleet_port', parser: int(0, 9), default: 1, description: 'q' }) },
      { b: setting({ flag: 'quick', parser: flagSwitch(), default: false, repeatable: true, description: 'q' }) },
    ];
    for (const settings of cases) expect(() => defineSchema(PROGRAM, settings)).toThrow(/^demo: /);
    expect(defineSchema(PROGRAM, { a }).settings).toEqual([a]);
  });
});
