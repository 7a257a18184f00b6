import { createSensorSim, handleSensorLine, temperatureAt } from './sensor-sim';

describe('sensor-sim', () => {
  it('reads a plausible temperature and reports ok', () => {
    const state = { fault: false, offsetMs: 0 };
    expect(handleSensorLine(state, 'get_state', 0)).toEqual({ reply: 'ok', close: false });
    const reading = Number(handleSensorLine(state, 'get_temperature', 15_000).reply);
    expect(reading).toBeCloseTo(temperatureAt(state, 15_000), 2);
    expect(reading).toBeGreaterThan(15);
    expect(reading).toBeLessThan(30);
  });

  it('reports its fault until cleared, and rejects unknown commands without closing', () => {
    const sensor = createSensorSim(0);
    sensor.injectFault(0);
    expect(sensor.inFault(0)).toBe(true);
    expect(sensor.handleLine('get_state', 0).reply).toBe('fault');
    expect(sensor.handleLine('get_temperature', 0).reply).toBe('error fault');
    sensor.clearFault(0);
    expect(sensor.handleLine('get_state', 0).reply).toBe('ok');
    expect(sensor.handleLine('set_temperature 5', 0)).toEqual({ reply: 'error unknown command', close: false });
  });
});
