import type { DeviceStatus } from '@fleet/contracts';

/**
 * How many times a camera's exposure restarted within `statuses` (oldest first): the simulated
 * camera restarts its exposure on every `start_exposure`, so its exposing time falls back
 * towards 0 while it stays `exposing`. A second execution of one start shows here, at the
 * hardware, whatever the messages on the way say.
 */
export function exposureRestarts(statuses: readonly DeviceStatus[]): number {
  let restarts = 0;
  let previous: number | undefined;
  for (const status of statuses) {
    const time = status.readings.exposingTime;
    if (status.hwState !== 'exposing' || typeof time !== 'number') {
      previous = status.hwState === 'exposing' ? previous : undefined;
      continue;
    }
    if (previous !== undefined && time < previous) restarts++;
    previous = time;
  }
  return restarts;
}
