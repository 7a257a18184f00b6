export { FleetOverview } from './fleet-overview';
export { StateCounts } from './state-counts';
