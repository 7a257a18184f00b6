import type { NodeConnectionOptions } from '@nats-io/transport-node';

/**
 * Options shared by both of the controller's connections: reconnect forever, quickly enough
 * that status resumes within 3 s of a broker restart, and wait for a broker that is not up yet.
 */
export function connectionOptions(natsUrl: string, name: string): NodeConnectionOptions {
  return {
    servers: natsUrl,
    name,
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  };
}
