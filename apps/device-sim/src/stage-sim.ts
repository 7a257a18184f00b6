import { STAGE_MAX_MM, STAGE_MIN_MM } from '@fleet/contracts';
import { reply, type LineResult, type SimDevice } from './device-sim';

/** Timing of a simulated stage. */
export interface StageTiming {
  /** How long `home` takes. */
  readonly homeMs: number;
  /** Travel speed of `move_to`, mm per second. */
  readonly speedMmPerS: number;
}

export type StagePhase = 'unhomed' | 'homing' | 'idle' | 'moving' | 'fault';

/**
 * Stage state as of `since`: position and state are derived from time on demand, so a stage
 * costs no timer while it moves (the simulator must scale to 1,000 devices per process).
 */
export interface StageState {
  phase: StagePhase;
  /** Position (mm) at `since`. */
  position: number;
  /** Target of the current move (mm). */
  target: number;
  /** When the current phase (or move segment) began, ms since epoch. */
  since: number;
}

/** A stage just powered on: unhomed at 0 mm. */
export function initialStageState(now: number): StageState {
  return { phase: 'unhomed', position: 0, target: 0, since: now };
}

/** Brings `state` up to `now`: finishes a homing or a move whose time has come. */
export function advanceStage(state: StageState, timing: StageTiming, now: number): void {
  const elapsedMs = Math.max(0, now - state.since);
  if (state.phase === 'homing' && elapsedMs >= timing.homeMs) {
    Object.assign(state, { phase: 'idle', position: 0, target: 0, since: state.since + timing.homeMs });
  } else if (state.phase === 'moving') {
    const travel = (timing.speedMmPerS * elapsedMs) / 1000;
    const distance = Math.abs(state.target - state.position);
    if (travel >= distance) {
      Object.assign(state, { phase: 'idle', position: state.target, since: now });
    } else {
      const direction = Math.sign(state.target - state.position);
      Object.assign(state, { position: state.position + direction * travel, since: now });
    }
  }
}

/** A strict decimal number: what `move_to` accepts (no hex, exponents, Infinity or blanks). */
const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

function moveTo(state: StageState, args: string[], now: number): LineResult {
  if (state.phase === 'fault') return reply('error fault');
  if (state.phase === 'unhomed' || state.phase === 'homing') return reply('error not homed');
  const [arg, ...extra] = args;
  if (arg === undefined || extra.length > 0 || !DECIMAL.test(arg)) return reply('error bad argument');
  const target = Number(arg);
  if (target < STAGE_MIN_MM || target > STAGE_MAX_MM) return reply('error out of range');
  // A move_to while moving retargets from the current position (no `error busy`).
  Object.assign(state, { phase: 'moving', target, since: now });
  return reply('ok');
}

function home(state: StageState, now: number): LineResult {
  if (state.phase === 'fault') return reply('error fault');
  if (state.phase === 'moving') return reply('error busy');
  // A home while homing keeps the homing already under way.
  if (state.phase !== 'homing') Object.assign(state, { phase: 'homing', since: now });
  return reply('ok');
}

/**
 * Applies one stage protocol line to `state` (mutated) and returns the reply (`ok`,
 * `error <reason>` or a value). The stage never closes the connection.
 */
export function handleStageLine(state: StageState, timing: StageTiming, line: string, now: number): LineResult {
  advanceStage(state, timing, now);
  const [command = '', ...args] = line.trim().split(/\s+/);
  const noArgs = args.length === 0;
  switch (command) {
    case 'home':
      return noArgs ? home(state, now) : reply('error bad argument');
    case 'move_to':
      return moveTo(state, args, now);
    case 'stop':
      if (!noArgs) return reply('error bad argument');
      if (state.phase === 'moving') Object.assign(state, { phase: 'idle', target: state.position, since: now });
      return reply('ok');
    case 'reset':
      if (!noArgs) return reply('error bad argument');
      if (state.phase === 'fault') Object.assign(state, { phase: 'unhomed', since: now });
      return reply('ok');
    case 'get_position':
      return noArgs ? reply(state.position.toFixed(3)) : reply('error bad argument');
    case 'get_state':
      return noArgs ? reply(state.phase) : reply('error bad argument');
    default:
      return reply('error unknown command');
  }
}

/** Creates a simulated motion stage. */
export function createStageSim(timing: StageTiming, now: number): SimDevice {
  const state = initialStageState(now);
  return {
    kind: 'stage',
    handleLine: (line, at) => handleStageLine(state, timing, line, at),
    injectFault: (at) => {
      advanceStage(state, timing, at);
      Object.assign(state, { phase: 'fault', target: state.position, since: at });
    },
    clearFault: (at) => {
      if (state.phase === 'fault') Object.assign(state, { phase: 'unhomed', since: at });
    },
    inFault: () => state.phase === 'fault',
  };
}
