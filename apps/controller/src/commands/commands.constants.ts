/**
 * How long the controller keeps asking an agent what became of a command whose reply was lost
 * (a broker node died mid-call, or the agent is reconnecting). Short: the operator is waiting,
 * and an answer still unknown after it is reported as in doubt, to be asked again on a retry.
 */
export const RESOLVE_BUDGET_MS = 1200;
/** Timeout of one outcome query within {@link RESOLVE_BUDGET_MS}. */
export const RESOLVE_ATTEMPT_MS = 500;
/** Pause between outcome queries while the agent is unreachable or still running the command. */
export const RESOLVE_PAUSE_MS = 100;
/**
 * Clock difference between the controller's and an agent's hosts tolerated when the agent says it
 * never received a request: that answer is conclusive only if the agent's memory of request ids
 * began at least this long before the command was sent (so an agent restarted in between, which
 * may have run it before dying, never passes for one that never saw it).
 */
export const CLOCK_MARGIN_MS = 2000;
