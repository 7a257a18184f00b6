import { alarmStateOf, needsAction, type Alarm, type AlarmCode, type AlarmSeverity, type AlarmState, type FleetEvent } from '@fleet/contracts';

/** Raises within this window that make a flood (ISA-18.2: 10 or more alarms in 10 minutes). */
export const FLOOD_WINDOW_MS = 10 * 60_000;
export const FLOOD_RAISES = 10;

const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { critical: 0, warning: 1, info: 2 };

/** How the list is sorted. */
export type AlarmSort = 'priority' | 'age' | 'device';

/** Which alarms the list shows. */
export type AlarmFilter = 'all' | 'action' | 'shelved';

/** Words for each ISA-18.2 state. */
export const STATE_LABEL: Readonly<Record<AlarmState, string>> = {
  'active-unacked': 'Active, unacknowledged',
  'active-acked': 'Active, acknowledged',
  'rtn-unacked': 'Cleared, unacknowledged',
  normal: 'Normal',
};

/** Needing action first, then by priority, then newest first. */
function byPriority(a: Alarm, b: Alarm): number {
  const action = Number(needsAction(b)) - Number(needsAction(a));
  if (action !== 0) return action;
  const severity = SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return severity !== 0 ? severity : b.raisedAt - a.raisedAt;
}

/** The alarms shown: filtered by state and by a text matched against device and message, then sorted. */
export function visibleAlarms(alarms: readonly Alarm[], filter: AlarmFilter, text: string, sort: AlarmSort): Alarm[] {
  const needle = text.trim().toLowerCase();
  const shown = alarms.filter((a) => {
    if (filter === 'action' && !needsAction(a)) return false;
    if (filter === 'shelved' && a.shelved === null) return false;
    return needle === '' || a.deviceId.toLowerCase().includes(needle) || a.message.toLowerCase().includes(needle);
  });
  const compare =
    sort === 'age' ? (a: Alarm, b: Alarm) => a.raisedAt - b.raisedAt : sort === 'device' ? (a: Alarm, b: Alarm) => a.deviceId.localeCompare(b.deviceId) || byPriority(a, b) : byPriority;
  return shown.sort(compare);
}

/** What the annunciator says: counts by priority of the alarms needing action now, and whether it is a flood. */
export interface AlarmSummary {
  readonly counts: Readonly<Record<AlarmSeverity, number>>;
  readonly total: number;
  readonly flood: boolean;
  /** The newest critical alarm needing action, shown when there is no flood. */
  readonly first: Alarm | undefined;
}

/**
 * Counts only what needs action now (unacknowledged, not shelved; devices out of service raise
 * none). A flood is 10 or more alarms raised within 10 minutes: the `raised` events of the log, or
 * the listed alarms raised in the window when the log holds fewer (history not loaded yet).
 */
export function alarmSummary(alarms: readonly Alarm[], events: readonly FleetEvent[], now: number): AlarmSummary {
  const counts: Record<AlarmSeverity, number> = { critical: 0, warning: 0, info: 0 };
  const inWindow = (t: number): boolean => now - t < FLOOD_WINDOW_MS;
  const raisedEvents = events.filter((e) => e.type === 'alarm' && e.action === 'raised' && inWindow(e.ts)).length;
  const raised = Math.max(raisedEvents, alarms.filter((a) => inWindow(a.raisedAt)).length);
  let first: Alarm | undefined;
  for (const alarm of alarms) {
    if (!needsAction(alarm)) continue;
    counts[alarm.severity] += 1;
    if (alarm.severity === 'critical' && (!first || alarm.raisedAt > first.raisedAt)) first = alarm;
  }
  return { counts, total: counts.critical + counts.warning + counts.info, flood: raised >= FLOOD_RAISES, first };
}

/** An alarm's age as an operator reads it: `45 s`, `12 min`, `3 h 5 min`, `2 d`. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.floor(h / 24)} d`;
}

/** The state of an alarm, in words. */
export function stateLabel(alarm: Alarm): string {
  return STATE_LABEL[alarmStateOf(alarm)];
}

/** Words for each alarm cause, as the grouped view heads its groups. */
export const CAUSE_LABEL: Readonly<Record<AlarmCode, string>> = {
  offline: 'Offline',
  fault: 'Fault',
  'link-down': 'Link down',
  slow: 'Slow',
  hihi: 'High-high limit',
  hi: 'High limit',
  lo: 'Low limit',
  lolo: 'Low-low limit',
};

/** One device within a group: how many of its alarms have this cause, and how many need action. */
export interface AlarmGroupDevice {
  readonly deviceId: string;
  readonly count: number;
  readonly needAction: number;
}

/** The alarms of one cause, by device: what a flood is shown as instead of one row per alarm. */
export interface AlarmGroup {
  readonly cause: AlarmCode;
  /** The most severe priority in the group. */
  readonly severity: AlarmSeverity;
  readonly count: number;
  readonly needAction: number;
  /** Most needing action first, then by id. */
  readonly devices: readonly AlarmGroupDevice[];
  /** The group's alarms, in the order given. */
  readonly alarms: readonly Alarm[];
}

/**
 * Groups alarms by cause, then by device, with counts (ISA-18.2 flood: 16 "Offline" rows read as
 * one group of 16 devices). Groups are ordered by their worst priority, then by how many need
 * action, then by size.
 */
export function groupAlarms(alarms: readonly Alarm[]): AlarmGroup[] {
  const byCause = new Map<AlarmCode, Alarm[]>();
  for (const alarm of alarms) {
    const list = byCause.get(alarm.code);
    if (list) list.push(alarm);
    else byCause.set(alarm.code, [alarm]);
  }
  const groups = [...byCause].map(([cause, members]): AlarmGroup => {
    const devices = new Map<string, { count: number; needAction: number }>();
    let severity: AlarmSeverity = 'info';
    for (const alarm of members) {
      const device = devices.get(alarm.deviceId) ?? { count: 0, needAction: 0 };
      device.count += 1;
      if (needsAction(alarm)) device.needAction += 1;
      devices.set(alarm.deviceId, device);
      if (SEVERITY_RANK[alarm.severity] < SEVERITY_RANK[severity]) severity = alarm.severity;
    }
    const deviceList = [...devices].map(([deviceId, d]) => ({ deviceId, ...d })).sort((a, b) => b.needAction - a.needAction || a.deviceId.localeCompare(b.deviceId, undefined, { numeric: true }));
    return { cause, severity, count: members.length, needAction: deviceList.reduce((n, d) => n + d.needAction, 0), devices: deviceList, alarms: members };
  });
  return groups.sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.needAction - a.needAction || b.count - a.count || a.cause.localeCompare(b.cause));
}
