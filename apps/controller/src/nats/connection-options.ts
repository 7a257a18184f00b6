import type { NodeConnectionOptions } from '@nats-io/transport-node';

/**
 * Options shared by both of the controller's connections: reconnect forever, quickly enough
 * that status resumes within 3 s of a broker restart, and wait for a broker that is not up yet.
 * A comma-separated URL list names a cluster's nodes; the client also learns the others from the server.
 */
export function connectionOptions(natsUrl: string, name: string): NodeConnectionOptions {
  return {
    servers: natsUrl.split(',').map((url) => url.trim()),
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  };
}
