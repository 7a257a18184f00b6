import { loadConfig } from './config';

describe('bench config - steps', () => {
  it('runs the published curve by default', () => {
    const c = loadConfig([], {});
    expect(c.success && c.data).toMatchObject({
      steps: [10, 50, 100, 200, 500],
      synthetic: [1000, 2000, 5000, 10000],
      stepSeconds: 30,
      agentModes: ['process', 'dense'],
      fanoutClients: 20,
    });
  });

  it('shrinks everything with --quick', () => {
    const c = loadConfig(['--quick'], {});
    expect(c.success && c.data).toMatchObject({ steps: [4], synthetic: [200], stepSeconds: 3 });
  });

  it('doubles past the last step up to --max', () => {
    const c = loadConfig(['--steps', '100,500', '--max', '2000'], {});
    expect(c.success && c.data.steps).toEqual([100, 500, 1000, 2000]);
  });

  it('names the flag that is wrong', () => {
    const c = loadConfig(['--steps', '10,x'], {});
    expect(c.success).toBe(false);
    expect(c.error?.issues[0]?.path).toEqual(['steps']);
  });

  it('selects parts with --only and names an unknown part', () => {
    const c = loadConfig(['--only', 'scaleout, synthetic'], {});
    expect(c.success && [...c.data.parts]).toEqual(['scaleout', 'synthetic']);
    const all = loadConfig([], {});
    expect(all.success && [...all.data.parts]).toEqual(['fleet', 'synthetic', 'memory', 'scaleout']);
    const bad = loadConfig(['--only', 'fleet,gateway'], {});
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path[0]).toBe('only');
  });
});

describe('bench config - scale-out', () => {
  it('runs 1, 2 and 4 replicas at two loads by default and a tiny version with --quick', () => {
    const full = loadConfig([], {});
    expect(full.success && full.data).toMatchObject({ scaleout: [1, 2, 4], scaleoutDevices: [4000, 7000], scaleoutSeconds: 8 });
    const quick = loadConfig(['--quick'], {});
    expect(quick.success && quick.data).toMatchObject({ scaleout: [1, 2], scaleoutDevices: [500], scaleoutSeconds: 2 });
  });

  it('takes replica counts, loads and window from flags', () => {
    const c = loadConfig(['--scaleout', '1,3', '--scaleout-devices', '1000,2000', '--scaleout-seconds', '5'], {});
    expect(c.success && c.data).toMatchObject({ scaleout: [1, 3], scaleoutDevices: [1000, 2000], scaleoutSeconds: 5 });
  });

  it('refuses replica counts beyond the 16 partitions or zero', () => {
    for (const counts of ['0', '1,17', '1,x']) {
      const c = loadConfig(['--scaleout', counts], {});
      expect(c.success).toBe(false);
      expect(c.error?.issues[0]?.path[0]).toBe('scaleout');
    }
  });
});
