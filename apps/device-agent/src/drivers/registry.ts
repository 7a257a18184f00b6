import type { DeviceKindName } from '@fleet/contracts/wire';
import { cameraDriver } from './camera-driver';
import type { DeviceDriver } from './driver';
import { sensorDriver } from './sensor-driver';
import { stageDriver } from './stage-driver';

/** One driver per registered kind; the type makes a kind added to contracts without a driver a compile error. */
export const drivers: Readonly<Record<DeviceKindName, DeviceDriver>> = {
  camera: cameraDriver,
  stage: stageDriver,
  sensor: sensorDriver,
};
