import os from 'node:os';
import type { DeviceKindName, PresenceBirth, PresenceGoodbye } from '@fleet/contracts/wire';

/** The birth message, sent on every (re)connect to the broker. */
export function birthMessage(deviceId: string, kind: DeviceKindName, statusHz: number, version: string): PresenceBirth {
  return { type: 'birth', deviceId, kind, statusHz, version, pid: process.pid, host: os.hostname(), ts: Date.now() };
}

/** The goodbye message, sent on clean shutdown. */
export function goodbyeMessage(deviceId: string, reason: string): PresenceGoodbye {
  return { type: 'goodbye', deviceId, reason, ts: Date.now() };
}
