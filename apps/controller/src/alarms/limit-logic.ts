import type { AlarmCode, DeviceKindSpec, ReadingLimits, ReadingSpec } from '@fleet/contracts';
import type { Condition } from './alarm-logic';

/** A reading with alarm limits. */
export interface LimitedReading extends ReadingSpec {
  readonly limits: ReadingLimits;
}

const HIGH: readonly ('hihi' | 'hi')[] = ['hihi', 'hi'];
const LOW: readonly ('lo' | 'lolo')[] = ['lolo', 'lo'];
const LABEL: Readonly<Record<AlarmCode, string>> = { hihi: 'HIHI', hi: 'HI', lo: 'LO', lolo: 'LOLO', offline: '', fault: '', 'link-down': '', slow: '' };

const byKind = new WeakMap<DeviceKindSpec, readonly LimitedReading[]>();

/** The readings of a kind that declare limits (computed once per kind: the status hot path asks per message). */
export function limitedReadings(spec: DeviceKindSpec): readonly LimitedReading[] {
  let found = byKind.get(spec);
  if (!found) {
    found = spec.readings.filter((r): r is LimitedReading => r.limits !== undefined);
    byKind.set(spec, found);
  }
  return found;
}

/**
 * Which limit conditions hold (ISA-18.2, with deadband): a high limit holds from `value >= limit`
 * until `value <= limit - deadband`, a low one from `value <= limit` until `value >= limit +
 * deadband`. `held` is the set of limit keys (`hi:temperature`) that held before. A reading that is
 * `null` (unknown) holds nothing.
 */
export function limitConditions(
  deviceId: string,
  readings: readonly LimitedReading[],
  values: Readonly<Record<string, number | null>>,
  held: ReadonlySet<string>,
): Map<string, Condition> {
  const conditions = new Map<string, Condition>();
  for (const reading of readings) {
    const value = values[reading.key];
    if (value === undefined || value === null) continue;
    const { limits } = reading;
    const unit = reading.unit ?? '';
    const check = (code: AlarmCode, limit: number | undefined, high: boolean): void => {
      if (limit === undefined) return;
      const key = `${code}:${reading.key}`;
      const holds = high
        ? value >= limit || (held.has(key) && value > limit - limits.deadband)
        : value <= limit || (held.has(key) && value < limit + limits.deadband);
      if (!holds) return;
      const message = `${deviceId} ${reading.label} ${LABEL[code]}: ${value}${unit} (limit ${limit}${unit})`;
      conditions.set(key, { code, reading: reading.key, message });
    };
    for (const code of HIGH) check(code, limits[code], true);
    for (const code of LOW) check(code, limits[code], false);
  }
  return conditions;
}

/** Whether two condition maps hold the same keys (messages carry values, which change every sample). */
export function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const key of a.keys()) if (!b.has(key)) return false;
  return true;
}
