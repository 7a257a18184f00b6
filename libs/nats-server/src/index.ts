export { DEBIAN_NATS_SERVER, NatsServerNotFoundError, findNatsServerBinary } from './find-binary';
export { ephemeralRangeStart, freePort } from './free-port';
export { CLUSTER_NAME, DEFAULT_CLUSTER_NODES, startNatsCluster } from './nats-cluster';
export type { NatsCluster, NatsClusterOptions } from './nats-cluster';
export { NatsServerStartError, startNatsServer } from './nats-server';
export type { NatsServerHandle, NatsServerOptions } from './nats-server';
