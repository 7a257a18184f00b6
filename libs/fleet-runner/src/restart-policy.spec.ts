import { DEFAULT_RESTART_POLICY, INITIAL_RESTART_STATE, decideRestart, type RestartState } from './restart-policy';

const policy = { firstDelayMs: 100, maxDelayMs: 1_000, stableRunMs: 10_000, crashLoopDeaths: 3 };

/** Feeds `uptimes` (one per death) through the policy and returns each decision's delay and crash-loop flag. */
function deaths(uptimes: readonly number[]): Array<[number, boolean]> {
  let state: RestartState = INITIAL_RESTART_STATE;
  return uptimes.map((uptime) => {
    const decision = decideRestart(state, uptime, policy);
    state = decision.state;
    return [decision.delayMs, decision.crashLoop];
  });
}

describe('restart policy - backoff', () => {
  it('restarts the first death after the first delay, even one soon after the start', () => {
    expect(deaths([50])).toEqual([[100, false]]);
    expect(deaths([60_000])).toEqual([[100, false]]);
  });

  it('doubles the delay with every quick death in a row, up to the ceiling', () => {
    expect(deaths([10, 10, 10, 10, 10, 10]).map(([d]) => d)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('starts afresh after a stable run', () => {
    expect(deaths([10, 10, 10, 10_000, 10]).map(([d]) => d)).toEqual([100, 200, 400, 100, 200]);
  });

  it('gets a killed agent going again well within 2 s by default', () => {
    expect(decideRestart(INITIAL_RESTART_STATE, 5_000).delayMs).toBeLessThanOrEqual(500);
    expect(DEFAULT_RESTART_POLICY.maxDelayMs).toBeGreaterThan(DEFAULT_RESTART_POLICY.firstDelayMs);
  });
});

describe('restart policy - crash loop', () => {
  it('reports a crash loop from the Nth quick death in a row on, while the delay keeps growing', () => {
    expect(deaths([10, 10, 10, 10])).toEqual([
      [100, false],
      [200, false],
      [400, true],
      [800, true],
    ]);
  });

  it('does not call deaths after stable runs a crash loop', () => {
    expect(deaths([10_000, 10_000, 10_000, 10_000]).map(([, loop]) => loop)).toEqual([false, false, false, false]);
  });
});
