import { cameraKind } from './camera';
import type { DeviceKindSpec } from './device-kind';
import { sensorKind } from './sensor';
import { stageKind } from './stage';

/** The registered device kinds. A new kind is added here and nowhere else outside its own files. */
export const deviceKinds = {
  camera: cameraKind,
  stage: stageKind,
  sensor: sensorKind,
} as const satisfies Record<string, DeviceKindSpec>;

export type DeviceKindName = keyof typeof deviceKinds;

const kindsByName: ReadonlyMap<string, DeviceKindSpec> = new Map(Object.entries(deviceKinds));

/** Names of the registered kinds, in registration order. */
export const DEVICE_KIND_NAMES: readonly string[] = [...kindsByName.keys()];

/** True when `kind` names a registered kind. */
export function isDeviceKindName(kind: unknown): kind is DeviceKindName {
  return typeof kind === 'string' && kindsByName.has(kind);
}

/** The spec of a registered kind, or `undefined` for an unknown name. */
export function getDeviceKind(kind: string): DeviceKindSpec | undefined {
  return kindsByName.get(kind);
}
