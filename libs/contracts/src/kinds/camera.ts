import { setup } from 'xstate';
import type { DeviceKindSpec, DeviceMachineEvent } from './device-kind';

/** Replies of the camera's `get_state`. */
export const CAMERA_HARDWARE_STATES = ['idle', 'exposing', 'unknown'] as const;

/** Default length of the camera's timed steps. */
export const DEFAULT_CAMERA_STEP_MS = 2000;

const reconcile = { 'hw.idle': 'Idle', 'hw.exposing': 'Exposing' } as const;

/** Camera: Idle -start-> Exposing -stop-> SavingImages (timed) -> Idle; Exposing -abort-> Aborting (timed) -> Idle. */
export const cameraMachine = setup({ types: { events: {} as DeviceMachineEvent } }).createMachine({
  id: 'camera',
  initial: 'Offline',
  on: { offline: '.Offline', 'link.down': '.Fault', 'hw.unknown': '.Fault' },
  states: {
    Offline: { on: reconcile },
    Fault: { on: reconcile },
    Idle: { on: { start: 'Exposing', 'hw.exposing': 'Exposing' } },
    Exposing: { on: { stop: 'SavingImages', abort: 'Aborting', 'hw.idle': 'Idle' } },
    SavingImages: {
      meta: { step: { name: 'saveImages', durationMs: DEFAULT_CAMERA_STEP_MS } },
      on: { 'step.done': 'Idle' },
    },
    Aborting: {
      meta: { step: { name: 'abort', durationMs: DEFAULT_CAMERA_STEP_MS } },
      on: { 'step.done': 'Idle' },
    },
  },
});

/** The camera kind, speaking the prototype's camera-server protocol. */
export const cameraKind: DeviceKindSpec = {
  kind: 'camera',
  label: 'Camera',
  machine: cameraMachine,
  hardwareStates: CAMERA_HARDWARE_STATES,
  readings: [{ key: 'exposingTime', label: 'Exposing time', unit: 's' }],
  mainReading: 'exposingTime',
  commands: {
    start: { label: 'Start exposure', hardware: 'start_exposure' },
    stop: { label: 'Stop and save', hardware: 'stop_exposure' },
    abort: { label: 'Abort', hardware: 'stop_exposure' },
  },
};
