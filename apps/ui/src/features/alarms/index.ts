export { AlarmsPanel } from './alarms-panel';
export { CriticalAlarmBanner } from './critical-alarm-banner';
