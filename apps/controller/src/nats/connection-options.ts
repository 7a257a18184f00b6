import type { NatsAuthFiles } from '@fleet/app-config';
import { natsAuthOptions, type NatsAuthOptions } from '@fleet/nats-auth';
import type { NodeConnectionOptions } from '@nats-io/transport-node';

const readOnce = new WeakMap<NatsAuthFiles, NatsAuthOptions>();

/** The credentials of `files`, read from disk the first time only (the controller opens three connections). */
function authOptions(files: NatsAuthFiles): NatsAuthOptions {
  let options = readOnce.get(files);
  if (options === undefined) {
    options = natsAuthOptions(files);
    readOnce.set(files, options);
  }
  return options;
}

/**
 * Options shared by all of the controller's connections: its credentials, reconnect forever,
 * quickly enough that status resumes within 3 s of a broker restart, and wait for a broker that
 * is not up yet. A comma-separated URL list names a cluster's nodes; the client also learns the
 * others from the server.
 */
export function connectionOptions(natsUrl: string, name: string, auth: NatsAuthFiles = {}): NodeConnectionOptions {
  return {
    servers: natsUrl.split(',').map((url) => url.trim()),
    name,
    ...authOptions(auth),
    reconnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
  };
}
