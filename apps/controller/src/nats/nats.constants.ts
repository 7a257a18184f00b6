/** DI token of the controller's own nats.js connection (KV, JetStream, publishes, agent requests). */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
