import { testAlarm } from '../testing/fixtures';
import { FLOOD_WINDOW_MS, STALE_MS, alarmKpis, pruneRaises } from './alarm-kpis';

describe('alarm KPIs', () => {
  it('counts standing, stale, chattering and shelved alarms, the raises of the last 10 minutes, and a flood at 10', () => {
    const now = STALE_MS + 100_000;
    const alarms = [
      testAlarm('standing', { raisedAt: now - 5 }),
      testAlarm('stale', { raisedAt: 1 }),
      testAlarm('chatter', { clearedAt: now - 1, recentRaises: [now - 3000, now - 2000, now - 1000] }),
      testAlarm('shelved', { raisedAt: now - 5, shelved: { by: 'a', at: now, reason: 'r', until: null } }),
    ];
    const nine = Array.from({ length: 9 }, (_, i) => now - i * 1000);
    expect(alarmKpis(alarms, [...nine, now - FLOOD_WINDOW_MS], now)).toEqual({ raised_10m: 9, standing: 3, stale: 1, chattering: 1, shelved: 1, flood: 0 });
    expect(alarmKpis([], [...nine, now], now)).toMatchObject({ raised_10m: 10, flood: 1 });
  });

  it('pruneRaises keeps the window and adds the new raises', () => {
    expect(pruneRaises([0, 5, FLOOD_WINDOW_MS], FLOOD_WINDOW_MS + 1, 2)).toEqual([5, FLOOD_WINDOW_MS, FLOOD_WINDOW_MS + 1, FLOOD_WINDOW_MS + 1]);
  });
});
