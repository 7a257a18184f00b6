import { z } from 'zod';
import { DEVICE_KIND_NAMES, isDeviceKindName, type DeviceKindName } from './registry';

/** A registered kind name. Kept out of `registry.ts` so the zod-free `wire` entry can use the registry. */
export const DeviceKindNameSchema = z.custom<DeviceKindName>(isDeviceKindName, {
  message: `kind must be one of: ${DEVICE_KIND_NAMES.join(', ')}`,
});
