import type { AnyStateMachine } from 'xstate';

/**
 * Process alarm limits of a reading (ISA-18.2): an alarm is raised when the value reaches a limit
 * (`>= hi`, `<= lo`) and clears once it is back past the limit by `deadband`, so a value hovering
 * at a limit raises once.
 */
export interface ReadingLimits {
  readonly hihi?: number;
  readonly hi?: number;
  readonly lo?: number;
  readonly lolo?: number;
  readonly deadband: number;
}

/** One hardware reading a kind publishes in `DeviceStatus.readings`. */
export interface ReadingSpec {
  readonly key: string;
  readonly label: string;
  readonly unit?: string;
  readonly limits?: ReadingLimits;
}

/** One numeric argument of an operator command (rendered as an input by the UI). */
export interface CommandArgSpec {
  readonly name: string;
  readonly label: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
}

/** An operator command: the machine event of the same name, and the hardware line it sends. */
export interface CommandSpec {
  readonly label: string;
  /** Hardware command word sent to the device (the agent appends `hardwareArgs`). */
  readonly hardware: string;
  readonly args?: readonly CommandArgSpec[];
}

/** A timed step attached to a machine state through `meta.step`. */
export interface TimedStepSpec {
  readonly name: string;
  readonly durationMs: number;
}

/**
 * Everything the controller, gateway and UI need to know about a kind of device. Adding a kind
 * means writing one of these and registering it in `deviceKinds`; no app code changes.
 */
export interface DeviceKindSpec {
  readonly kind: string;
  readonly label: string;
  /** XState machine: flat states; events are command names, `hw.<hardwareState>`, and the common events. */
  readonly machine: AnyStateMachine;
  /** Values the hardware reports for `get_state`. */
  readonly hardwareStates: readonly string[];
  readonly readings: readonly ReadingSpec[];
  /** Key of the reading shown on tiles and trended in the detail view. */
  readonly mainReading: string;
  readonly commands: Readonly<Record<string, CommandSpec>>;
}

/** Machine event names shared by every kind. */
export const MachineEvent = {
  offline: 'offline',
  linkDown: 'link.down',
  stepDone: 'step.done',
  hardware: (hardwareState: string) => `hw.${hardwareState}`,
} as const;

/** States every kind has. */
export const CommonState = { Offline: 'Offline', Fault: 'Fault' } as const;

/** The event type every device machine accepts. */
export interface DeviceMachineEvent {
  type: string;
}
