import { loadConfig } from './config';

describe('bench config - steps', () => {
  it('runs the published curve by default', () => {
    const c = loadConfig([], {});
    expect(c.ok && c.config).toMatchObject({
      steps: [10, 50, 100, 200, 500],
      synthetic: [1000, 2000, 5000, 10000],
      stepSeconds: 30,
      agentModes: ['process', 'dense'],
      fanoutClients: 20,
    });
  });

  it('shrinks everything with --quick, unless a flag says otherwise', () => {
    const c = loadConfig(['--quick'], {});
    expect(c.ok && c.config).toMatchObject({ steps: [4], synthetic: [200], stepSeconds: 3, fanoutClients: 3, agentMemorySeconds: 5 });
    const mixed = loadConfig(['--quick', '--step-seconds', '10'], {});
    expect(mixed.ok && mixed.config).toMatchObject({ steps: [4], stepSeconds: 10 });
  });

  it('doubles past the last step up to --max', () => {
    const c = loadConfig(['--steps', '100,500', '--max', '2000'], {});
    expect(c.ok && c.config.steps).toEqual([100, 500, 1000, 2000]);
  });

  it('names the flag that is wrong', () => {
    expect(loadConfig(['--steps', '10,x'], {})).toEqual({ ok: false, issues: ['--steps: "x": must be a whole number in [1, 100000]'] });
    expect(loadConfig(['--bogus'], {})).toEqual({ ok: false, issues: ['unknown option --bogus'] });
  });

  it('selects parts with --only and names an unknown part', () => {
    const c = loadConfig(['--only', 'scaleout, synthetic'], {});
    expect(c.ok && [...c.config.parts]).toEqual(['scaleout', 'synthetic']);
    const all = loadConfig([], {});
    expect(all.ok && [...all.config.parts]).toEqual(['fleet', 'synthetic', 'memory', 'scaleout']);
    expect(loadConfig(['--only', 'fleet,gateway'], {})).toEqual({ ok: false, issues: ['--only: "gateway" must be one of: fleet, synthetic, memory, scaleout'] });
  });
});

describe('bench config - scale-out', () => {
  it('runs 1, 2 and 4 replicas at two loads by default and a tiny version with --quick', () => {
    const full = loadConfig([], {});
    expect(full.ok && full.config).toMatchObject({ scaleout: [1, 2, 4], scaleoutDevices: [4000, 7000], scaleoutSeconds: 8 });
    const quick = loadConfig(['--quick'], {});
    expect(quick.ok && quick.config).toMatchObject({ scaleout: [1, 2], scaleoutDevices: [500], scaleoutSeconds: 2 });
  });

  it('takes replica counts, loads and window from flags', () => {
    const c = loadConfig(['--scaleout', '1,3', '--scaleout-devices', '1000,2000', '--scaleout-seconds', '5'], {});
    expect(c.ok && c.config).toMatchObject({ scaleout: [1, 3], scaleoutDevices: [1000, 2000], scaleoutSeconds: 5 });
  });

  it('refuses replica counts beyond the 16 partitions or zero', () => {
    for (const counts of ['0', '1,17', '1,x']) {
      expect(loadConfig(['--scaleout', counts], {})).toEqual({ ok: false, issues: [expect.stringMatching(/^--scaleout: "(0|17|x)": /)] });
    }
  });
});
