import { transition } from 'xstate';
import { CommonState, type DeviceKindSpec, type TimedStepSpec } from '../kinds/device-kind';

interface KindTables {
  states: readonly string[];
  /** state -> commands allowed there */
  allowed: ReadonlyMap<string, readonly string[]>;
  steps: ReadonlyMap<string, TimedStepSpec>;
}

const tables = new WeakMap<DeviceKindSpec, KindTables>();

function isTimedStep(value: unknown): value is TimedStepSpec {
  if (typeof value !== 'object' || value === null) return false;
  const step: { name?: unknown; durationMs?: unknown } = value;
  return typeof step.name === 'string' && typeof step.durationMs === 'number';
}

/** Derives, once per kind, which commands each state allows and which states are timed steps. */
function tablesOf(spec: DeviceKindSpec): KindTables {
  let t = tables.get(spec);
  if (t) return t;
  const states = Object.keys(spec.machine.states);
  const allowed = new Map<string, string[]>();
  const steps = new Map<string, TimedStepSpec>();
  for (const state of states) {
    const snapshot = spec.machine.resolveState({ value: state, context: {} });
    allowed.set(
      state,
      Object.keys(spec.commands).filter((command) => snapshot.can({ type: command })),
    );
    const meta: { step?: unknown } | undefined = spec.machine.states[state]?.meta;
    if (isTimedStep(meta?.step)) steps.set(state, meta.step);
  }
  t = { states, allowed, steps };
  tables.set(spec, t);
  return t;
}

/** Every state of a kind's machine. */
export function statesOf(spec: DeviceKindSpec): readonly string[] {
  return tablesOf(spec).states;
}

/** True when `state` is a state of the kind's machine. */
export function isStateOf(spec: DeviceKindSpec, state: string): boolean {
  return tablesOf(spec).allowed.has(state);
}

/**
 * Pure transition: the state a device of `spec` moves to from `state` on `eventType`.
 * Returns `state` itself when the event is not handled there. An unknown `state` is treated
 * as Offline, so a stale stored value can never wedge a device.
 */
export function nextState(spec: DeviceKindSpec, state: string, eventType: string): string {
  const from = isStateOf(spec, state) ? state : CommonState.Offline;
  const snapshot = spec.machine.resolveState({ value: from, context: {} });
  const [next] = transition(spec.machine, snapshot, { type: eventType });
  return typeof next.value === 'string' ? next.value : from;
}

/** Operator commands allowed in `state`, in the kind's declaration order. */
export function allowedCommands(spec: DeviceKindSpec, state: string): readonly string[] {
  return tablesOf(spec).allowed.get(state) ?? [];
}

/** The timed step attached to `state`, if any. */
export function timedStepOf(spec: DeviceKindSpec, state: string): TimedStepSpec | undefined {
  return tablesOf(spec).steps.get(state);
}

/**
 * Why `command` is not allowed in `state`, in words an operator can read, e.g.
 * "camera is SavingImages; start is allowed in Idle". `undefined` when it is allowed.
 */
export function refusalReason(spec: DeviceKindSpec, state: string, command: string): string | undefined {
  if (!Object.hasOwn(spec.commands, command)) {
    return `${spec.kind} has no command "${command}"; its commands are ${Object.keys(spec.commands).join(', ')}`;
  }
  const t = tablesOf(spec);
  if (t.allowed.get(state)?.includes(command)) return undefined;
  const where = t.states.filter((s) => t.allowed.get(s)?.includes(command));
  return `${spec.kind} is ${state}; ${command} is allowed in ${where.join(' or ')}`;
}
