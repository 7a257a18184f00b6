export { freePort } from '@fleet/nats-server';
export { startApp } from './app-process';
export type { AppProcess } from './app-process';
export { startTestBroker } from './test-broker';
export type { BrokerAccess, TestBroker, TestBrokerOptions } from './test-broker';
export { startTestCluster } from './test-cluster';
export type { TestCluster, TestClusterOptions } from './test-cluster';
export { WaitTimeoutError, waitFor } from './wait-for';
