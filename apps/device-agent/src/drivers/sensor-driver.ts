import { sensorKind } from '@fleet/contracts/wire';
import { ask, isDecimal, type DeviceDriver } from './driver';

/** Temperature sensor: `get_state`, then `get_temperature` (°C) only while the sensor reports `ok`. */
export const sensorDriver: DeviceDriver = {
  spec: sensorKind,
  async poll(link) {
    const hwState = await ask(link, 'get_state', (r) => sensorKind.hardwareStates.includes(r));
    if (hwState === null) return null;
    if (hwState !== 'ok') return { hwState, readings: { temperature: null } };
    const temperature = await ask(link, 'get_temperature', isDecimal);
    if (temperature === null) return null;
    return { hwState, readings: { temperature: Number(temperature) } };
  },
};
