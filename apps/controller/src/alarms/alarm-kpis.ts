import type { Alarm } from '@fleet/contracts';
import { CHATTER_RAISES, CHATTER_WINDOW_MS } from './alarm-state';

/** The window of the alarm rate and of flood detection. */
export const FLOOD_WINDOW_MS = 10 * 60_000;

/** Raises within `FLOOD_WINDOW_MS` that make a flood (ISA-18.2: 10 or more alarms in 10 minutes). */
export const FLOOD_RAISES = 10;

/** An active alarm older than this is stale. */
export const STALE_MS = 24 * 3600_000;

/** Alarm KPIs, as exported on `/metrics`. */
export interface AlarmKpis {
  readonly raised_10m: number;
  readonly standing: number;
  readonly stale: number;
  readonly chattering: number;
  readonly shelved: number;
  readonly flood: number;
}

/** The KPIs of the alarms in the book, given the raise times of the last 10 minutes. */
export function alarmKpis(alarms: Iterable<Alarm>, raiseTimes: readonly number[], now: number): AlarmKpis {
  let standing = 0;
  let stale = 0;
  let chattering = 0;
  let shelved = 0;
  for (const alarm of alarms) {
    if (alarm.clearedAt === null) standing += 1;
    if (alarm.clearedAt === null && now - alarm.raisedAt > STALE_MS) stale += 1;
    if (alarm.recentRaises.filter((t) => now - t < CHATTER_WINDOW_MS).length >= CHATTER_RAISES) chattering += 1;
    if (alarm.shelved !== null) shelved += 1;
  }
  const raised = raiseTimes.filter((t) => now - t < FLOOD_WINDOW_MS).length;
  return { raised_10m: raised, standing, stale, chattering, shelved, flood: raised >= FLOOD_RAISES ? 1 : 0 };
}

/** The raise times still inside the flood window, with the new ones (bounded: a flood counts to its threshold many times over). */
export function pruneRaises(times: readonly number[], now: number, added = 0): number[] {
  const kept = times.filter((t) => now - t < FLOOD_WINDOW_MS);
  for (let i = 0; i < added; i++) kept.push(now);
  return kept.slice(-10_000);
}
