import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsAuthFiles } from '@fleet/app-config';
import { DEFAULT_PARTITIONS, partitionMappingsConfig } from '@fleet/contracts';
import { fleetIdentities, generateCredentials, natsAuthArgs, natsAuthOptions, type FleetCredentials, type NatsAuthOptions } from '@fleet/nats-auth';
import { freePort, startNatsServer } from '@fleet/nats-server';

/** How tests reach a broker as one of the fleet's identities. */
export interface BrokerAccess {
  /** `connect()` options for an identity (default `harness`): the servers, its authenticator and private inbox. */
  connectionOptions(identity?: string): { servers: string | string[] } & NatsAuthOptions;
  /** An app's broker flags for an identity: `--nats-url <url>` and its credential file flags. */
  appArgs(identity: string): string[];
}

/** A broker for one test suite. `url` stays the same across `restart()`, and so does JetStream data. */
export interface TestBroker extends BrokerAccess {
  readonly url: string;
  /** Which implementation runs it. */
  readonly via: 'container' | 'binary';
  stop(): Promise<void>;
  restart(): Promise<void>;
  /**
   * The credential files of an identity: `controller`, `gateway`, `sim`, `automation`,
   * `agent-pool` (role-wide agent rights), `agent-<deviceId>` for a device listed in `devices`
   * (any other `agent-*` gets the role-wide agent), `harness` (anything, for test tooling).
   * Empty on an open broker (`auth: false`).
   */
  credentials(identity: string): NatsAuthFiles;
  /** `connect()` options for an identity (default `harness`): the URL, its authenticator. */
  connectionOptions(identity?: string): { servers: string } & NatsAuthOptions;
  /** An app's broker flags for an identity: `--nats-url <url>` and its credential file flags. */
  appArgs(identity: string): string[];
}

/** How {@link startTestBroker} picks its implementation. */
export interface TestBrokerOptions {
  /** `auto` (default): a container when a Docker engine answers, else the nats-server binary. */
  mode?: 'auto' | 'container' | 'binary';
  /** Partition the fleet's subjects into this many partitions (the broker mapping of `partitionMappings`). */
  partitions?: number;
  /**
   * Enforce the fleet's authorization (default true: the path a deployment runs). `false` only
   * for a test that proves the anonymous path against a broker that asks for nothing.
   */
  auth?: boolean;
  /** Devices that get an agent identity of their own (`agent-<deviceId>`). */
  devices?: readonly string[];
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

async function startContainerBroker(config: string | undefined): Promise<Omit<TestBroker, 'credentials' | 'connectionOptions' | 'appArgs'>> {
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

async function startBinaryBroker(config: string | undefined): Promise<Omit<TestBroker, 'credentials' | 'connectionOptions' | 'appArgs'>> {
  const server = await startNatsServer({ searchPath: process.env.PATH, config });
  return { url: server.url, via: 'binary', stop: () => server.stop(), restart: () => server.restart() };
}

/**
 * Starts a real NATS broker with JetStream for a test suite: through `@testcontainers/nats` when a
 * Docker engine is reachable, otherwise by spawning the `nats-server` binary on a free loopback
 * port with a temporary store. Both keep their data across `restart()`. With `partitions`, the
 * broker applies the fleet's partition mapping. It enforces the fleet's authorization unless
 * `auth: false`: connect with `connectionOptions(identity)`, start apps with `appArgs(identity)`.
 */
export async function startTestBroker(options: TestBrokerOptions = {}): Promise<TestBroker> {
  const mode = options.mode ?? modeFromEnv();
  const auth = testCredentials(options);
  const mapping = options.partitions === undefined ? '' : partitionMappingsConfig(options.partitions);
  const text = `${mapping}${auth?.credentials.authorization ?? ''}`;
  const config = text === '' ? undefined : text;
  try {
    const broker = mode === 'container' || (mode === 'auto' && (await dockerReachable())) ? await startContainerBroker(config) : await startBinaryBroker(config);
    return withCredentials(broker, auth);
  } catch (error) {
    auth?.remove();
    throw error;
  }
}

/** Keys of a test broker's identities, in a temporary folder. */
interface TestCredentials {
  readonly credentials: FleetCredentials;
  remove(): void;
}

/** The fleet's identities for a test broker, unless `auth: false`. */
export function testCredentials(options: { auth?: boolean; devices?: readonly string[]; partitions?: number }): TestCredentials | undefined {
  if (options.auth === false) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'fleet-test-keys-'));
  const credentials = generateCredentials(dir, fleetIdentities(options.devices ?? [], { harness: true }), options.partitions ?? DEFAULT_PARTITIONS);
  return { credentials, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The files of `identity`; an agent of an undeclared device gets the role-wide agent identity. */
export function credentialsOf(auth: TestCredentials | undefined, identity: string): NatsAuthFiles {
  if (!auth) return {};
  const known = auth.credentials.users.some((u) => u.name === identity);
  return auth.credentials.filesFor(!known && identity.startsWith('agent-') ? 'agent-pool' : identity);
}

function withCredentials(broker: Omit<TestBroker, 'credentials' | 'connectionOptions' | 'appArgs'>, auth: TestCredentials | undefined): TestBroker {
  const credentials = (identity: string): NatsAuthFiles => credentialsOf(auth, identity);
  return {
    ...broker,
    credentials,
    connectionOptions: (identity = 'harness') => ({ servers: broker.url, ...natsAuthOptions(credentials(identity)) }),
    appArgs: (identity) => ['--nats-url', broker.url, ...natsAuthArgs(credentials(identity))],
    stop: () => broker.stop().finally(() => auth?.remove()),
  };
}
