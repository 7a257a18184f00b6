/** When a supervised process that died is started again, and when its deaths count as a crash loop. */
export interface RestartPolicy {
  /** Delay before the first restart after a stable run: short, so a killed agent is back within 2 s. */
  readonly firstDelayMs: number;
  /** Ceiling of the doubling delay. */
  readonly maxDelayMs: number;
  /** A process that ran at least this long before dying starts the count of quick deaths afresh. */
  readonly stableRunMs: number;
  /** This many quick deaths in a row are a crash loop. */
  readonly crashLoopDeaths: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  firstDelayMs: 200,
  maxDelayMs: 30_000,
  stableRunMs: 30_000,
  crashLoopDeaths: 5,
};

/** What the supervisor remembers of one process between its deaths. */
export interface RestartState {
  /** Deaths in a row, each after a run shorter than `stableRunMs`. */
  readonly quickDeaths: number;
}

export const INITIAL_RESTART_STATE: RestartState = { quickDeaths: 0 };

/** What to do about one death. */
export interface RestartDecision {
  readonly state: RestartState;
  /** How long to wait before starting the process again. */
  readonly delayMs: number;
  /** True once the deaths in a row reach `crashLoopDeaths`: report it loudly. */
  readonly crashLoop: boolean;
}

/**
 * Decides the restart after a process died having run `uptimeMs`: the delay doubles with every
 * quick death in a row (capped), and a run of `stableRunMs` or more resets it to `firstDelayMs`.
 */
export function decideRestart(state: RestartState, uptimeMs: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): RestartDecision {
  const quickDeaths = uptimeMs >= policy.stableRunMs ? 1 : state.quickDeaths + 1;
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** (quickDeaths - 1));
  return { state: { quickDeaths }, delayMs, crashLoop: quickDeaths >= policy.crashLoopDeaths };
}
