import type { Alarm } from '@fleet/contracts';
import { alarmSummary, formatAge, groupAlarms, stateLabel, visibleAlarms } from './alarm-view';

const alarm = (id: string, patch: Partial<Alarm> = {}): Alarm =>
  Object.assign(
    { id, deviceId: 'camera-1', code: 'offline' as const, severity: 'critical' as const, message: 'm', raisedAt: 1000, clearedAt: null, acknowledged: null, shelved: null, recentRaises: [1000], chattering: false },
    patch,
  );

describe('alarm view', () => {
  const list = [
    alarm('acked', { acknowledged: { by: 'a', at: 2 }, raisedAt: 5000 }),
    alarm('warn', { severity: 'warning', deviceId: 'stage-1', message: 'stage slow', raisedAt: 4000 }),
    alarm('crit', { raisedAt: 3000 }),
    alarm('shelved', { shelved: { by: 'a', at: 1, reason: 'r', until: null }, deviceId: 'sensor-1' }),
  ];

  it('sorts needing action first, then by priority; by age or by device on request', () => {
    expect(visibleAlarms(list, 'all', '', 'priority').map((a) => a.id)).toEqual(['crit', 'warn', 'acked', 'shelved']);
    expect(visibleAlarms(list, 'all', '', 'age').map((a) => a.id)).toEqual(['shelved', 'crit', 'warn', 'acked']);
    expect(visibleAlarms(list, 'all', '', 'device').map((a) => a.id)).toEqual(['crit', 'acked', 'shelved', 'warn']);
  });

  it('filters by state and by text in device or message', () => {
    expect(visibleAlarms(list, 'action', '', 'priority').map((a) => a.id)).toEqual(['crit', 'warn']);
    expect(visibleAlarms(list, 'shelved', '', 'priority').map((a) => a.id)).toEqual(['shelved']);
    expect(visibleAlarms(list, 'all', 'SLOW', 'priority').map((a) => a.id)).toEqual(['warn']);
  });

  it('the summary counts only what needs action now, and flags a flood at 10 raises in 10 minutes', () => {
    expect(alarmSummary(list, [], 10_000)).toMatchObject({ counts: { critical: 1, warning: 1, info: 0 }, total: 2, flood: false, first: { id: 'crit' } });
    const flood = Array.from({ length: 10 }, (_, i) => alarm(`f${i}`, { acknowledged: { by: 'a', at: 1 } }));
    expect(alarmSummary(flood, [], 10_000)).toMatchObject({ total: 0, flood: true });
    expect(alarmSummary(flood, [], 11 * 60_000).flood).toBe(false);
    // Alarms raised and already done still count, from the event log.
    const raised = Array.from({ length: 10 }, (_, i) => ({ type: 'alarm' as const, id: `e${i}`, ts: 9000, deviceId: 'd', action: 'raised' as const, alarm: alarm(`g${i}`) }));
    expect(alarmSummary([], raised, 10_000).flood).toBe(true);
  });

  it('reads ages and states as an operator would', () => {
    expect([formatAge(45_000), formatAge(12 * 60_000), formatAge(3 * 3600_000 + 5 * 60_000), formatAge(2 * 86_400_000)]).toEqual(['45 s', '12 min', '3 h 5 min', '2 d']);
    expect(stateLabel(alarm('x', { clearedAt: 5 }))).toBe('Cleared, unacknowledged');
  });
});

describe('alarm view - flood grouping', () => {
  // A flood as in issue 20: 12 cameras Offline, two with a link alarm too, a stage slow, one limit alarm pair on a sensor.
  const flood = [
    ...Array.from({ length: 12 }, (_, i) => alarm(`off${i}`, { deviceId: `camera-${i + 1}`, acknowledged: i < 4 ? { by: 'a', at: 1 } : null })),
    alarm('link1', { deviceId: 'camera-1', code: 'link-down', severity: 'warning' }),
    alarm('link2', { deviceId: 'camera-2', code: 'link-down', severity: 'warning', acknowledged: { by: 'a', at: 1 } }),
    alarm('slow', { deviceId: 'stage-1', code: 'slow', severity: 'warning' }),
    alarm('hi-t', { deviceId: 'sensor-1', code: 'hi', reading: 'temperature', severity: 'warning' }),
    alarm('hi-p', { deviceId: 'sensor-1', code: 'hi', reading: 'pressure', severity: 'critical', shelved: { by: 'a', at: 1, reason: 'r', until: null } }),
  ];

  it('groups by cause with counts, worst priority first, then by how many need action', () => {
    const groups = groupAlarms(flood);
    expect(groups.map((g) => [g.cause, g.severity, g.count, g.needAction])).toEqual([
      ['offline', 'critical', 12, 8],
      ['hi', 'critical', 2, 1],
      ['link-down', 'warning', 2, 1],
      ['slow', 'warning', 1, 1],
    ]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(flood.length);
  });

  it('within a cause, groups by device: those needing action first, then by name (camera-5 before camera-10)', () => {
    const [offline, hi, link] = groupAlarms(flood);
    expect(offline?.devices).toHaveLength(12);
    expect(offline?.devices.slice(0, 2)).toEqual([
      { deviceId: 'camera-5', count: 1, needAction: 1 },
      { deviceId: 'camera-6', count: 1, needAction: 1 },
    ]);
    expect(offline?.devices.at(-1)).toEqual({ deviceId: 'camera-4', count: 1, needAction: 0 });
    // Two limit alarms of one device and cause are one device entry of 2.
    expect(hi?.devices).toEqual([{ deviceId: 'sensor-1', count: 2, needAction: 1 }]);
    expect(link?.alarms.map((a) => a.id)).toEqual(['link1', 'link2']);
  });

  it('groups nothing into nothing', () => {
    expect(groupAlarms([])).toEqual([]);
  });
});
