import { cameraKind } from '../kinds/camera';
import type { DeviceKindSpec } from '../kinds/device-kind';
import { sensorKind } from '../kinds/sensor';
import { stageKind } from '../kinds/stage';
import { allowedCommands, nextState, refusalReason, statesOf, timedStepOf } from './device-machine';

/**
 * The expected machine of each kind, written out from ARCHITECTURE.md: for every state, the
 * events that move it and where to. Every (state, event) pair not listed must leave it unchanged.
 */
const expected: Record<string, { spec: DeviceKindSpec; table: Record<string, Record<string, string>> }> = {
  camera: {
    spec: cameraKind,
    table: {
      Offline: { 'hw.idle': 'Idle', 'hw.exposing': 'Exposing', 'link.down': 'Fault', 'hw.unknown': 'Fault' },
      Fault: { 'hw.idle': 'Idle', 'hw.exposing': 'Exposing', offline: 'Offline' },
      Idle: { start: 'Exposing', 'hw.exposing': 'Exposing', offline: 'Offline', 'link.down': 'Fault', 'hw.unknown': 'Fault' },
      Exposing: { stop: 'SavingImages', abort: 'Aborting', 'hw.idle': 'Idle', offline: 'Offline', 'link.down': 'Fault', 'hw.unknown': 'Fault' },
      SavingImages: { 'step.done': 'Idle', offline: 'Offline', 'link.down': 'Fault', 'hw.unknown': 'Fault' },
      Aborting: { 'step.done': 'Idle', offline: 'Offline', 'link.down': 'Fault', 'hw.unknown': 'Fault' },
    },
  },
  stage: {
    spec: stageKind,
    table: {
      Offline: { 'hw.unhomed': 'Unhomed', 'hw.homing': 'Homing', 'hw.idle': 'Ready', 'hw.moving': 'Moving', 'hw.fault': 'Fault', 'link.down': 'Fault' },
      Fault: { reset: 'Unhomed', 'hw.unhomed': 'Unhomed', 'hw.homing': 'Homing', 'hw.idle': 'Ready', 'hw.moving': 'Moving', offline: 'Offline' },
      Unhomed: { home: 'Homing', 'hw.homing': 'Homing', 'hw.idle': 'Ready', 'hw.moving': 'Moving', 'hw.fault': 'Fault', offline: 'Offline', 'link.down': 'Fault' },
      Homing: { 'hw.idle': 'Ready', 'hw.unhomed': 'Unhomed', 'hw.fault': 'Fault', offline: 'Offline', 'link.down': 'Fault' },
      Ready: { move_to: 'Moving', 'hw.moving': 'Moving', 'hw.homing': 'Homing', 'hw.unhomed': 'Unhomed', 'hw.fault': 'Fault', offline: 'Offline', 'link.down': 'Fault' },
      Moving: { stop: 'Ready', 'hw.idle': 'Ready', 'hw.unhomed': 'Unhomed', 'hw.fault': 'Fault', offline: 'Offline', 'link.down': 'Fault' },
    },
  },
  sensor: {
    spec: sensorKind,
    table: {
      Offline: { 'hw.ok': 'Monitoring', 'hw.fault': 'Fault', 'link.down': 'Fault' },
      Fault: { 'hw.ok': 'Monitoring', offline: 'Offline' },
      Monitoring: { 'hw.fault': 'Fault', offline: 'Offline', 'link.down': 'Fault' },
    },
  },
};

function eventsOf(spec: DeviceKindSpec): string[] {
  return [
    ...Object.keys(spec.commands),
    ...spec.hardwareStates.map((s) => `hw.${s}`),
    'offline',
    'link.down',
    'step.done',
    'no-such-event',
  ];
}

describe.each(Object.entries(expected))('%s machine - transitions', (_kind, { spec, table }) => {
  it('has exactly the states of the design', () => {
    expect([...statesOf(spec)].sort()).toEqual(Object.keys(table).sort());
  });

  for (const state of Object.keys(table)) {
    for (const event of eventsOf(spec)) {
      const to = table[state]?.[event] ?? state;
      it(`${state} + ${event} -> ${to}`, () => {
        expect(nextState(spec, state, event)).toBe(to);
      });
    }
  }
});

describe('device machine - commands', () => {
  it('allows exactly the commands whose transitions leave the state', () => {
    expect(allowedCommands(cameraKind, 'Idle')).toEqual(['start']);
    expect(allowedCommands(cameraKind, 'Exposing')).toEqual(['stop', 'abort']);
    expect(allowedCommands(cameraKind, 'SavingImages')).toEqual([]);
    expect(allowedCommands(stageKind, 'Ready')).toEqual(['move_to']);
    expect(allowedCommands(stageKind, 'Fault')).toEqual(['reset']);
    expect(allowedCommands(stageKind, 'NoSuchState')).toEqual([]);
    expect(statesOf(sensorKind).map((state) => allowedCommands(sensorKind, state))).toEqual([[], [], []]);
  });

  it('explains a refusal in operator words', () => {
    expect(refusalReason(cameraKind, 'SavingImages', 'start')).toBe('camera is SavingImages; start is allowed in Idle');
    expect(refusalReason(stageKind, 'Offline', 'stop')).toBe('stage is Offline; stop is allowed in Moving');
    expect(refusalReason(stageKind, 'Ready', 'fly')).toBe('stage has no command "fly"; its commands are home, move_to, stop, reset');
    expect(refusalReason(cameraKind, 'Idle', 'start')).toBeUndefined();
  });

  it('treats an unknown stored state as Offline so the device can still reconcile', () => {
    expect(nextState(cameraKind, 'Vanished', 'hw.idle')).toBe('Idle');
  });
});

describe('device machine - timed steps', () => {
  it('marks SavingImages and Aborting as 2 s steps and nothing else', () => {
    expect(timedStepOf(cameraKind, 'SavingImages')).toEqual({ name: 'saveImages', durationMs: 2000 });
    expect(timedStepOf(cameraKind, 'Aborting')).toEqual({ name: 'abort', durationMs: 2000 });
    const timed = [cameraKind, stageKind, sensorKind].flatMap((k) => statesOf(k).filter((s) => timedStepOf(k, s)));
    expect(timed).toEqual(['SavingImages', 'Aborting']);
  });
});
