import { existsSync } from 'node:fs';
import { partitionMappingsConfig } from '@fleet/contracts';
import { freePort, startNatsServer } from '@fleet/nats-server';

/** A broker for one test suite. `url` stays the same across `restart()`, and so does JetStream data. */
export interface TestBroker {
  readonly url: string;
  /** Which implementation runs it. */
  readonly via: 'container' | 'binary';
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** How {@link startTestBroker} picks its implementation. */
export interface TestBrokerOptions {
  /** `auto` (default): a container when a Docker engine answers, else the nats-server binary. */
  mode?: 'auto' | 'container' | 'binary';
  /** Partition the fleet's subjects into this many partitions (the broker mapping of `partitionMappings`). */
  partitions?: number;
}

const NATS_IMAGE = 'nats:2.10-alpine';

/** Reads the helper's settings from the environment once (FLEET_TEST_BROKER=auto|container|binary). */
function modeFromEnv(): TestBrokerOptions['mode'] {
  const mode = process.env.FLEET_TEST_BROKER;
  return mode === 'container' || mode === 'binary' ? mode : 'auto';
}

async function dockerReachable(): Promise<boolean> {
  if (!process.env.DOCKER_HOST && !existsSync('/var/run/docker.sock')) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

const CONTAINER_CONFIG = '/etc/nats/fleet.conf';

async function startContainerBroker(config: string | undefined): Promise<TestBroker> {
  const { NatsContainer } = await import('@testcontainers/nats');
  // A fixed host port keeps `url` valid across container restarts.
  const port = await freePort();
  let builder = new NatsContainer(NATS_IMAGE).withJetStream().withArg('store_dir', '/data');
  if (config !== undefined) {
    builder = builder.withCopyContentToContainer([{ content: config, target: CONTAINER_CONFIG }]).withArg('config', CONTAINER_CONFIG);
  }
  const container = await builder.withExposedPorts({ container: 4222, host: port }).start();
  return {
    url: `nats://127.0.0.1:${port}`,
    via: 'container',
    stop: async () => {
      await container.stop();
    },
    restart: () => container.restart(),
  };
}

async function startBinaryBroker(config: string | undefined): Promise<TestBroker> {
  const server = await startNatsServer({ searchPath: process.env.PATH, config });
  return { url: server.url, via: 'binary', stop: () => server.stop(), restart: () => server.restart() };
}

/**
 * Starts a real NATS broker with JetStream for a test suite: through `@testcontainers/nats` when a
 * Docker engine is reachable, otherwise by spawning the `nats-server` binary on a free loopback
 * port with a temporary store. Both keep their data across `restart()`. With `partitions`, the
 * broker applies the fleet's partition mapping.
 */
export async function startTestBroker(options: TestBrokerOptions = {}): Promise<TestBroker> {
  const mode = options.mode ?? modeFromEnv();
  const config = options.partitions === undefined ? undefined : partitionMappingsConfig(options.partitions);
  if (mode === 'container' || (mode === 'auto' && (await dockerReachable()))) return startContainerBroker(config);
  return startBinaryBroker(config);
}
