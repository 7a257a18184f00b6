export { ConnectionIndicator } from './connection-indicator';
export { ConnectionLostBanner } from './connection-lost-banner';
