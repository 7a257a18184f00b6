import { setup } from 'xstate';
import type { DeviceKindSpec, DeviceMachineEvent } from './device-kind';

/** Replies of the sensor's `get_state`. */
export const SENSOR_HARDWARE_STATES = ['ok', 'fault'] as const;

/** Read-only temperature sensor: Monitoring while the hardware says `ok`, Fault on `fault` or link down. */
export const sensorMachine = setup({ types: { events: {} as DeviceMachineEvent } }).createMachine({
  id: 'sensor',
  initial: 'Offline',
  on: { offline: '.Offline', 'link.down': '.Fault', 'hw.fault': '.Fault' },
  states: {
    Offline: { on: { 'hw.ok': 'Monitoring' } },
    Fault: { on: { 'hw.ok': 'Monitoring' } },
    Monitoring: {},
  },
});

/**
 * The temperature sensor kind: `get_temperature` (decimal °C) and `get_state` (`ok` or `fault`).
 * It takes no commands; the agent only polls it.
 */
export const sensorKind: DeviceKindSpec = {
  kind: 'sensor',
  label: 'Temperature sensor',
  machine: sensorMachine,
  hardwareStates: SENSOR_HARDWARE_STATES,
  readings: [{ key: 'temperature', label: 'Temperature', unit: '°C', limits: { hihi: 40, hi: 30, lo: 5, lolo: 0, deadband: 0.5 } }],
  mainReading: 'temperature',
  commands: {},
};
