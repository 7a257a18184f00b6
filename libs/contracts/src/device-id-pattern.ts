/**
 * Allowed characters and length of a device id; keeps ids safe as a single NATS subject token.
 * Kept apart from the zod schemas so that the zod-free `wire` entry point can use it.
 */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
