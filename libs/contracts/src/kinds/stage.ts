import { setup } from 'xstate';
import type { DeviceKindSpec, DeviceMachineEvent } from './device-kind';

/** Replies of the stage's `get_state`. */
export const STAGE_HARDWARE_STATES = ['unhomed', 'homing', 'idle', 'moving', 'fault'] as const;

/** Travel range of the stage in millimetres. */
export const STAGE_MIN_MM = 0;
export const STAGE_MAX_MM = 300;

const reconcile = {
  'hw.unhomed': 'Unhomed',
  'hw.homing': 'Homing',
  'hw.idle': 'Ready',
  'hw.moving': 'Moving',
} as const;

/** Stage: Unhomed -home-> Homing -> Ready -move_to-> Moving -> Ready; stop from Moving; Fault -reset-> Unhomed. */
export const stageMachine = setup({ types: { events: {} as DeviceMachineEvent } }).createMachine({
  id: 'stage',
  initial: 'Offline',
  on: { offline: '.Offline', 'link.down': '.Fault', 'hw.fault': '.Fault' },
  states: {
    Offline: { on: reconcile },
    Fault: { on: { ...reconcile, reset: 'Unhomed' } },
    Unhomed: { on: { home: 'Homing', 'hw.homing': 'Homing', 'hw.idle': 'Ready', 'hw.moving': 'Moving' } },
    Homing: { on: { 'hw.idle': 'Ready', 'hw.unhomed': 'Unhomed' } },
    Ready: { on: { move_to: 'Moving', 'hw.moving': 'Moving', 'hw.homing': 'Homing', 'hw.unhomed': 'Unhomed' } },
    Moving: { on: { stop: 'Ready', 'hw.idle': 'Ready', 'hw.unhomed': 'Unhomed' } },
  },
});

/** The motion stage kind. */
export const stageKind: DeviceKindSpec = {
  kind: 'stage',
  label: 'Motion stage',
  machine: stageMachine,
  hardwareStates: STAGE_HARDWARE_STATES,
  readings: [{ key: 'position', label: 'Position', unit: 'mm' }],
  mainReading: 'position',
  commands: {
    home: { label: 'Home', hardware: 'home' },
    move_to: {
      label: 'Move to',
      hardware: 'move_to',
      args: [{ name: 'position', label: 'Position', unit: 'mm', min: STAGE_MIN_MM, max: STAGE_MAX_MM }],
    },
    stop: { label: 'Stop', hardware: 'stop' },
    reset: { label: 'Reset fault', hardware: 'reset' },
  },
};
