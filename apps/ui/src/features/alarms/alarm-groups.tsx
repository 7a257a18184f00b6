import type { Alarm } from '@fleet/contracts';
import { CAUSE_LABEL, groupAlarms } from '../../lib/alarm-view';
import { AlarmRow } from './alarm-row';

/**
 * A flood, grouped: one entry per cause with its counts and the devices it hit; opening a group
 * shows its alarms with their actions.
 */
export function AlarmGroups({ alarms, now }: { alarms: readonly Alarm[]; now: number }) {
  const groups = groupAlarms(alarms);
  return (
    <ul className="alarm-list" data-testid="alarm-groups">
      {groups.map((group) => (
        <li key={group.cause} className={`alarm alarm-group alarm-${group.severity}`} data-testid={`alarm-group-${group.cause}`} data-count={group.count} data-need-action={group.needAction}>
          <details>
            <summary>
              <span className={`severity severity-${group.severity}`}>{group.severity}</span> <span className="alarm-device">{CAUSE_LABEL[group.cause]}</span>{' '}
              <span className="alarm-state">
                {group.count} alarm{group.count === 1 ? '' : 's'} on {group.devices.length} device{group.devices.length === 1 ? '' : 's'}, {group.needAction} need action
              </span>
              <span className="alarm-message alarm-group-devices">
                {group.devices.map((d) => (
                  <span key={d.deviceId} className="chip" data-testid="alarm-group-device" data-device={d.deviceId}>
                    {d.deviceId}
                    {d.count > 1 ? ` ×${d.count}` : ''}
                  </span>
                ))}
              </span>
            </summary>
            <ul className="alarm-list">
              {group.alarms.map((alarm) => (
                <AlarmRow key={alarm.id} alarm={alarm} now={now} />
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
