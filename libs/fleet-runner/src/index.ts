export { appEntry } from './app-entries';
export type { AppName } from './app-entries';
export {
  DEFAULT_CAMERAS,
  DEFAULT_DEV_TOKENS,
  DEFAULT_STAGES,
  DEFAULT_STATUS_HZ,
  DEV_OPERATOR_TOKEN,
  DEV_VIEWER_TOKEN,
  startFleet,
} from './fleet';
export type { Fleet, FleetDevice, FleetOptions } from './fleet';
export { freePortRange } from './free-port-range';
export { ServiceStartError, isReadyLine, startService } from './service';
export type { Service, ServiceSpec, StartServiceOptions } from './service';
