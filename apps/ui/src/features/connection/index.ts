export { ConnectionIndicator } from './connection-indicator';
