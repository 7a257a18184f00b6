import type { AlarmAction, AlarmActionReply, ErrorReply } from '@fleet/contracts';

/** Sends one device's part of an action to that device's owner. */
export type SendToOwner = (deviceId: string, body: AlarmAction) => Promise<AlarmActionReply | ErrorReply>;

const unknownAlarm = (alarmId: string): string => `unknown alarm ${alarmId} (never raised, or done)`;

/**
 * Routes an alarm action to the owners of the devices it concerns: out of service by its
 * `deviceId`, shelve and unshelve by the alarm's device, an acknowledgement split per device (each
 * part with the requestId suffixed `:<deviceId>`, so a retry is idempotent per part) and the
 * replies merged. Alarms no device is known for are refused; an owner's `{ error }` refuses its part.
 */
export async function forwardAlarmAction(
  action: AlarmAction,
  deviceOf: (alarmId: string) => string | undefined,
  send: SendToOwner,
): Promise<AlarmActionReply | ErrorReply> {
  if (action.action === 'out-of-service' || action.action === 'in-service') return send(action.deviceId, action);
  if (action.action !== 'ack') {
    const deviceId = deviceOf(action.alarmId);
    if (deviceId === undefined) return { accepted: false, reason: unknownAlarm(action.alarmId), alarms: [], refused: [{ alarmId: action.alarmId, reason: unknownAlarm(action.alarmId) }] };
    return send(deviceId, action);
  }
  const byDevice = new Map<string, string[]>();
  const refused: AlarmActionReply['refused'] = [];
  for (const alarmId of new Set(action.alarmIds)) {
    const deviceId = deviceOf(alarmId);
    if (deviceId === undefined) refused.push({ alarmId, reason: unknownAlarm(alarmId) });
    else byDevice.set(deviceId, [...(byDevice.get(deviceId) ?? []), alarmId]);
  }
  const parts = await Promise.all(
    [...byDevice].map(async ([deviceId, alarmIds]) => ({ alarmIds, reply: await send(deviceId, { ...action, alarmIds, requestId: `${action.requestId}:${deviceId}`.slice(0, 128) }) })),
  );
  const alarms: AlarmActionReply['alarms'] = [];
  for (const { alarmIds, reply } of parts) {
    if ('error' in reply) refused.push(...alarmIds.map((alarmId) => ({ alarmId, reason: reply.error.slice(0, 500) })));
    else {
      alarms.push(...reply.alarms);
      refused.push(...reply.refused);
    }
  }
  const reason = refused.length === 0 ? undefined : refused.length === 1 ? refused[0]?.reason : `${refused.length} of ${new Set(action.alarmIds).size} alarms not acknowledged (see refused)`;
  return { accepted: refused.length === 0, ...(reason !== undefined ? { reason } : {}), alarms, refused };
}
