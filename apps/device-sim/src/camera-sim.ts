import { reply, type LineResult, type SimDevice } from './device-sim';

/** Camera state: exposure times in ms since epoch; `null` before the first exposure. */
export interface CameraState {
  exposing: boolean;
  startedAt: number | null;
  endedAt: number | null;
  /** Set by fault injection: `get_state` answers `unknown` until the next start/stop. */
  unknown: boolean;
}

/** A camera that has never exposed. */
export function initialCameraState(): CameraState {
  return { exposing: false, startedAt: null, endedAt: null, unknown: false };
}

const EMPTY_THEN_CLOSE: LineResult = { reply: '', close: true };
const DROP: LineResult = { reply: null, close: true };

function exposingSeconds(state: CameraState, now: number): number | null {
  if (state.startedAt === null) return null;
  const end = state.exposing ? now : (state.endedAt ?? now);
  return Math.max(0, end - state.startedAt) / 1000;
}

/**
 * Applies one camera protocol line to `state` (mutated) and returns the reply. Reproduces the
 * prototype camera server exactly, quirks included: `get_exposing_time` before any exposure drops
 * the connection without a reply; anything unknown (or an empty line) gets an empty reply, then close.
 */
export function handleCameraLine(state: CameraState, line: string, now: number): LineResult {
  switch (line.trim()) {
    case 'start_exposure':
      // A start while exposing restarts the exposure, as the prototype did.
      state.exposing = true;
      state.startedAt = now;
      state.endedAt = null;
      state.unknown = false;
      return reply('ok');
    case 'stop_exposure':
      if (state.exposing) {
        state.exposing = false;
        state.endedAt = now;
      }
      state.unknown = false;
      return reply('ok');
    case 'get_exposing_time': {
      const seconds = exposingSeconds(state, now);
      return seconds === null ? DROP : reply(seconds.toFixed(3));
    }
    case 'get_state':
      if (state.unknown) return reply('unknown');
      return reply(state.exposing ? 'exposing' : 'idle');
    default:
      return EMPTY_THEN_CLOSE;
  }
}

/** Creates a simulated camera. */
export function createCameraSim(): SimDevice {
  const state = initialCameraState();
  return {
    kind: 'camera',
    handleLine: (line, now) => handleCameraLine(state, line, now),
    injectFault: () => {
      state.unknown = true;
    },
    clearFault: () => {
      state.unknown = false;
    },
    inFault: () => state.unknown,
  };
}
