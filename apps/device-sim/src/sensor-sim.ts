import { reply, type LineResult, type SimDevice } from './device-sim';

/** Sensor state: the reading is derived from time, so a sensor costs no timer. */
export interface SensorState {
  fault: boolean;
  /** Phase offset (ms) so that sensors of one simulator do not read in lockstep. */
  readonly offsetMs: number;
}

/** Mean and swing of the simulated temperature, °C, and the period of its slow drift. */
const MEAN_C = 21;
const SWING_C = 2.5;
const PERIOD_MS = 60_000;

/** The temperature (°C) a sensor reads at `now`. */
export function temperatureAt(state: SensorState, now: number): number {
  return MEAN_C + SWING_C * Math.sin((2 * Math.PI * (now + state.offsetMs)) / PERIOD_MS);
}

/**
 * Applies one sensor protocol line: `get_temperature` (decimal °C, `error fault` while in fault)
 * and `get_state` (`ok` or `fault`); anything else gets `error unknown command`. The sensor never
 * closes the connection.
 */
export function handleSensorLine(state: SensorState, line: string, now: number): LineResult {
  switch (line.trim()) {
    case 'get_temperature':
      return reply(state.fault ? 'error fault' : temperatureAt(state, now).toFixed(2));
    case 'get_state':
      return reply(state.fault ? 'fault' : 'ok');
    default:
      return reply('error unknown command');
  }
}

/** Creates a simulated temperature sensor; `offsetMs` shifts its drift. */
export function createSensorSim(offsetMs: number): SimDevice {
  const state: SensorState = { fault: false, offsetMs };
  return {
    kind: 'sensor',
    handleLine: (line, now) => handleSensorLine(state, line, now),
    injectFault: () => {
      state.fault = true;
    },
    clearFault: () => {
      state.fault = false;
    },
    inFault: () => state.fault,
  };
}
