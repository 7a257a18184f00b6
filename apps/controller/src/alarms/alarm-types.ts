import type { AlarmCode, AlarmSeverity } from '@fleet/contracts';

/**
 * How long the Offline condition must hold before its alarm is raised (ISA-18.2 on-delay). The
 * state shows Offline at once (3 silent periods, within 500 ms of an agent's death), but a gap of
 * a few hundred ms while the whole machine is busy for a moment is not worth an operator's
 * acknowledgement; a dead agent stays silent well past it.
 */
export const OFFLINE_ALARM_ON_DELAY_MS = 1000;

/** How long a limit must stay back inside its deadband before its alarm clears: a value dithering at the deadband edge clears once. */
export const LIMIT_OFF_DELAY_MS = 1000;

/** One alarm type: its priority, delays, and the alarms that make it consequential. */
export interface AlarmType {
  readonly severity: AlarmSeverity;
  /** On-delay, ms; `configured` takes the controller's `alarmDelayMs`. */
  readonly onDelayMs: number | 'configured';
  /** Off-delay, ms: how long the condition must be gone before the alarm clears. */
  readonly offDelayMs: number;
  /**
   * Suppressed by design while one of these holds (one cause, one alarm): a device-wide code
   * suppresses on the whole device, a limit only on the same reading.
   */
  readonly suppressedBy: readonly AlarmCode[];
}

const DEVICE_DOWN: readonly AlarmCode[] = ['offline', 'fault', 'link-down'];

/**
 * Every alarm type. Critical when the device cannot be used at all or a reading is beyond its
 * outer limit; warning when it works but something is off. Fault and link-down use the configured
 * on-delay (a link still connecting at agent start, or a blip, shows as the device's state at
 * once); slow has its own measurement window.
 */
export const ALARM_TYPES: Readonly<Record<AlarmCode, AlarmType>> = {
  offline: { severity: 'critical', onDelayMs: OFFLINE_ALARM_ON_DELAY_MS, offDelayMs: 0, suppressedBy: [] },
  fault: { severity: 'critical', onDelayMs: 'configured', offDelayMs: 0, suppressedBy: ['offline'] },
  'link-down': { severity: 'warning', onDelayMs: 'configured', offDelayMs: 0, suppressedBy: ['offline', 'fault'] },
  slow: { severity: 'warning', onDelayMs: 0, offDelayMs: 0, suppressedBy: ['offline', 'fault'] },
  hihi: { severity: 'critical', onDelayMs: 0, offDelayMs: LIMIT_OFF_DELAY_MS, suppressedBy: DEVICE_DOWN },
  hi: { severity: 'warning', onDelayMs: 0, offDelayMs: LIMIT_OFF_DELAY_MS, suppressedBy: [...DEVICE_DOWN, 'hihi'] },
  lo: { severity: 'warning', onDelayMs: 0, offDelayMs: LIMIT_OFF_DELAY_MS, suppressedBy: [...DEVICE_DOWN, 'lolo'] },
  lolo: { severity: 'critical', onDelayMs: 0, offDelayMs: LIMIT_OFF_DELAY_MS, suppressedBy: DEVICE_DOWN },
};

/** The on-delay of an alarm code, given the configured one. */
export function alarmOnDelayMs(code: AlarmCode, configuredDelayMs: number): number {
  const delay = ALARM_TYPES[code].onDelayMs;
  return delay === 'configured' ? configuredDelayMs : delay;
}
