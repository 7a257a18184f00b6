/** DI token of the controller's own nats.js connection (KV, JetStream, publishes, agent requests). */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
/**
 * DI token of the connection that carries partition leases only, so renewals never queue behind
 * status traffic or a burst of state writes on the main connection.
 */
export const LEASE_CONNECTION = Symbol('LEASE_CONNECTION');
