import { CommonState, allowedCommands, getDeviceKind, type DeviceKindSpec } from '@fleet/contracts';
import type { DeviceView } from './fleet-data';

/**
 * Colour family of a state, derived from the kind's machine so no state name is hard-coded:
 * Offline and Fault are common to every kind; a state that allows no operator command is
 * `busy` (a timed step or a motion in progress); everything else is `ok`.
 */
export type Tone = 'ok' | 'busy' | 'fault' | 'offline' | 'unknown';

/** The tone of `state` for a device of `kind`. */
export function toneOf(kind: string, state: string | undefined): Tone {
  if (state === undefined) return 'unknown';
  if (state === CommonState.Offline) return 'offline';
  if (state === CommonState.Fault) return 'fault';
  const spec = getDeviceKind(kind);
  if (!spec) return 'unknown';
  return allowedCommands(spec, state).length === 0 ? 'busy' : 'ok';
}

/** A reading for display: up to 2 decimals, `—` when not available. */
export function formatReading(value: number | null | undefined, unit?: string): string {
  if (value === null || value === undefined) return '—';
  const text = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return unit ? `${text} ${unit}` : text;
}

/** Label and formatted value of the kind's main reading, for tiles. */
export function mainReadingOf(device: DeviceView): { label: string; text: string } | undefined {
  const spec = getDeviceKind(device.kind);
  if (!spec) return undefined;
  const reading = spec.readings.find((r) => r.key === spec.mainReading);
  if (!reading) return undefined;
  return { label: reading.label, text: formatReading(device.status?.readings[reading.key], reading.unit) };
}

/** Commands of the kind that the machine allows in the device's current state. */
export function enabledCommands(spec: DeviceKindSpec, state: string | undefined): ReadonlySet<string> {
  return new Set(state === undefined ? [] : allowedCommands(spec, state));
}
