import type { AppName } from './apps';

/**
 * Environment each app needs to load at all (its required settings). Everything else about the
 * settings (flags, variables, defaults, meanings) lives in each app's config schema.
 */
export const MINIMAL_ENV: Readonly<Record<AppName, Readonly<Record<string, string>>>> = {
  sim: {},
  agent: { FLEET_DEVICE_ID: 'camera-1', FLEET_DEVICE_KIND: 'camera', FLEET_DEVICE_PORT: '7000' },
  controller: {},
  gateway: { FLEET_TOKENS: 'ops:operator:secret' },
};
