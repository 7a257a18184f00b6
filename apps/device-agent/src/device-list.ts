import { DEVICE_ID_PATTERN, DEVICE_KIND_NAMES, isDeviceKindName, type DeviceKindName } from '@fleet/contracts/wire';
import { intField, type Issues } from './config-fields';

/** One device an agent serves. */
export interface DeviceConfig {
  readonly deviceId: string;
  readonly kind: DeviceKindName;
  readonly deviceHost: string;
  readonly devicePort: number;
}

/** Raw fields of one device, as text, from flags, env or a file. */
export interface DeviceFields {
  readonly deviceId?: string;
  readonly kind?: string;
  readonly host?: string;
  readonly port?: string;
}

/** Checks one device's fields; records issues under `path` and returns `undefined` when bad. */
export function parseDevice(issues: Issues, path: string, fields: DeviceFields, defaultHost: string): DeviceConfig | undefined {
  const before = issues.list.length;
  const { deviceId, kind } = fields;
  if (deviceId === undefined || !DEVICE_ID_PATTERN.test(deviceId)) {
    issues.add(`${path}deviceId`, deviceId === undefined ? 'is required' : 'must match [A-Za-z0-9_-]{1,64}');
  }
  if (!isDeviceKindName(kind)) issues.add(`${path}kind`, `must be one of: ${DEVICE_KIND_NAMES.join(', ')}`);
  const devicePort = intField(issues, `${path}devicePort`, fields.port, [1, 65535]);
  const deviceHost = fields.host?.trim() || defaultHost;
  if (issues.list.length > before || deviceId === undefined || !isDeviceKindName(kind) || devicePort === undefined) return undefined;
  return { deviceId, kind, deviceHost, devicePort };
}

/**
 * Parses `--devices`: comma-separated `<deviceId>=<kind>@[<host>:]<port>`, e.g.
 * `camera-1=camera@7000,stage-1=stage@10.0.0.5:7003`.
 */
export function parseDeviceList(issues: Issues, text: string, defaultHost: string): DeviceConfig[] {
  const devices: DeviceConfig[] = [];
  for (const [i, entry] of text.split(',').map((e) => e.trim()).filter((e) => e !== '').entries()) {
    const match = /^([^=]+)=([^@]+)@(?:(.+):)?([^:]+)$/.exec(entry);
    if (!match) {
      issues.add(`devices.${i}`, `"${entry}" must look like <deviceId>=<kind>@[<host>:]<port>`);
      continue;
    }
    const [, deviceId, kind, host, port] = match;
    const device = parseDevice(issues, `devices.${i}.`, { deviceId, kind, host, port }, defaultHost);
    if (device) devices.push(device);
  }
  return devices;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/**
 * Parses a device file's JSON: `{ "devices": [{ "deviceId", "kind", "host"?, "port" }] }`.
 */
export function parseDeviceFile(issues: Issues, json: unknown, defaultHost: string): DeviceConfig[] {
  if (!isRecord(json) || !Array.isArray(json.devices)) {
    issues.add('config', 'must be a JSON object with a "devices" array');
    return [];
  }
  const devices: DeviceConfig[] = [];
  for (const [i, entry] of json.devices.entries()) {
    if (!isRecord(entry)) {
      issues.add(`devices.${i}`, 'must be an object');
      continue;
    }
    const fields = { deviceId: asText(entry.deviceId), kind: asText(entry.kind), host: asText(entry.host), port: asText(entry.port) };
    const device = parseDevice(issues, `devices.${i}.`, fields, defaultHost);
    if (device) devices.push(device);
  }
  return devices;
}
