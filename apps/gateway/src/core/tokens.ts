/** DI token of the validated {@link GatewayConfig}. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** DI token of the root pino logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
