export { DEBIAN_NATS_SERVER, NatsServerNotFoundError, findNatsServerBinary } from './find-binary';
export { freePort } from './free-port';
export { NatsServerStartError, startNatsServer } from './nats-server';
export type { NatsServerHandle, NatsServerOptions } from './nats-server';
