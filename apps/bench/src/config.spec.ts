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
});
