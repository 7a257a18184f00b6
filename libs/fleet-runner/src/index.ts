export { AGENT_NODE_OPTIONS, appEntry } from './app-entries';
export type { AppName } from './app-entries';
export { controllerSpecs } from './controller-specs';
export type { ControllerPlan } from './controller-specs';
export {
  DEFAULT_CAMERAS,
  DEFAULT_CONTROLLERS,
  DEFAULT_DEV_TOKENS,
  DEFAULT_NATS_NODES,
  DEFAULT_STAGES,
  DEFAULT_STATUS_HZ,
  DEV_OPERATOR_TOKEN,
  DEV_VIEWER_TOKEN,
  startFleet,
} from './fleet';
export type { Fleet, FleetDevice, FleetOptions } from './fleet';
export { freePortRange } from './free-port-range';
export { startLocalBroker } from './local-broker';
export type { LocalBroker, LocalBrokerOptions } from './local-broker';
export { natsServers } from './nats-servers';
export { ServiceStartError, isReadyLine, startService } from './service';
export type { Service, ServiceDeath, ServiceSpec, StartServiceOptions, SupervisionOptions } from './service';
export { DEFAULT_RESTART_POLICY, INITIAL_RESTART_STATE, decideRestart } from './restart-policy';
export type { RestartDecision, RestartPolicy, RestartState } from './restart-policy';
