/** DI token of the gateway's NATS connection (`NatsConnection` from nats.js v3). */
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** Client name shown in the broker's connection list. */
export const NATS_CLIENT_NAME = 'fleet-gateway';
