import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PARTITIONS } from '@fleet/contracts';
import { startTestBroker, type TestBroker } from '@fleet/test-support';
import { composeSecretName, IDENTITY_OF_APP, seedFile, writeDeploymentKeys } from '../src/broker-keys';
import { dictAt, isDict, listAt, textAt, textEntries } from '../src/guards';
import { checkInstance } from '../src/instances';
import { AUTHORIZATION_CONF_NAME, BROKER_CONF_IN_CONTAINER, PARTITIONS_CONF_MOUNT_DIR } from '../src/nats-config';
import { BROKER_CONF, KEYS_DIR, PARTITIONS_CONF, REPO_ROOT } from '../src/paths';
import { composeModel } from './support/models';
import { mappingPartitionCount, readMappings } from './support/nats-conf';
import { servedDevices } from './support/sim-devices';

const compose = composeModel();
const reports = new Map([...compose.instances].map(([name, instance]) => [name, checkInstance(instance)]));

function config(service: string): Readonly<Record<string, unknown>> {
  const found = reports.get(service)?.config;
  if (!found) throw new Error(`service ${service} has no valid config`);
  return found;
}

/** A service's bind mounts (short `host:container[:ro]` or long syntax) as container path -> host path. */
function bindMounts(service: unknown): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const v of listAt(service, 'volumes')) {
    const [source, target] = isDict(v) ? [textAt(v, 'source'), textAt(v, 'target')] : String(v).split(':');
    if (source?.startsWith('.') && target) mounts.set(target, path.resolve(path.dirname(compose.file), source));
  }
  return mounts;
}

/** `docker compose` when the plugin runs here, else the reason it does not. */
function composeClient(): { ok: true } | { ok: false; reason: string } {
  try {
    const out = execFileSync('docker', ['compose', 'version'], { encoding: 'utf8', stdio: 'pipe', timeout: 10_000 });
    return /compose/i.test(out) ? { ok: true } : { ok: false, reason: `unexpected answer: ${out.trim()}` };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message.split('\n')[0] ?? '' : String(err) };
  }
}

describe('docker-compose.yml', () => {
  it('services - runs nats, a simulator, the controller, the gateway and agents', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['nats', 'sim', 'controller', 'gateway', 'agent']));
    expect([...compose.instances].map(([name, i]) => `${name}:${i.app}`).sort()).toEqual(
      ['agent:agent', 'controller:controller', 'gateway:gateway', 'sim:sim'],
    );
  });

  it('apps - every variable is read by its app, every config loads, probes hit the HTTP port', () => {
    expect([...reports.values()].flatMap((r) => r.problems)).toEqual([]);
  });

  it('nats - official image with JetStream on a named volume', () => {
    const nats = compose.services.nats ?? {};
    expect(textAt(nats, 'image')).toMatch(/^nats:/);
    const command = listAt(nats, 'command').map(String);
    expect(command).toContain('--jetstream');
    const storeDir = command[command.indexOf('--store_dir') + 1];
    const mount = listAt(nats, 'volumes').map(String).find((v) => v.endsWith(`:${storeDir}`));
    expect(mount).toBeDefined();
    expect(Object.keys(isDict(compose.top.volumes) ? compose.top.volumes : {})).toContain(mount?.split(':')[0]);
  });

  it('nats - loads the shipped broker config: the partition mapping, and the users from the keys folder', () => {
    const command = listAt(compose.services.nats, 'command').map(String);
    expect(command[command.indexOf('--config') + 1]).toBe(BROKER_CONF_IN_CONTAINER);
    const mounts = bindMounts(compose.services.nats);
    expect([...mounts].filter(([target]) => target.startsWith(`${PARTITIONS_CONF_MOUNT_DIR}/`)).sort()).toEqual(
      [
        [BROKER_CONF_IN_CONTAINER, BROKER_CONF],
        [`${PARTITIONS_CONF_MOUNT_DIR}/${AUTHORIZATION_CONF_NAME}`, path.join(KEYS_DIR, AUTHORIZATION_CONF_NAME)],
        [`${PARTITIONS_CONF_MOUNT_DIR}/${path.basename(PARTITIONS_CONF)}`, PARTITIONS_CONF],
      ].sort(),
    );
    // Before `npm run deploy:keys` compose must stop, not create an empty folder in the file's place.
    const users = listAt(compose.services.nats, 'volumes').find((v) => textAt(v, 'target')?.endsWith(AUTHORIZATION_CONF_NAME));
    expect(dictAt(users, 'bind').create_host_path).toBe(false);
    expect(readFileSync(BROKER_CONF, 'utf8')).toMatch(new RegExp(`^include \\./${AUTHORIZATION_CONF_NAME}$`, 'm'));
    const count = mappingPartitionCount(readMappings(readFileSync(PARTITIONS_CONF, 'utf8')));
    expect({ mapping: count, controller: config('controller').partitions }).toEqual({ mapping: DEFAULT_PARTITIONS, controller: DEFAULT_PARTITIONS });
  });

  it('apps - each connects with its own identity\'s seed, a compose secret from the keys folder', () => {
    for (const [name, instance] of compose.instances) {
      const identity = IDENTITY_OF_APP[instance.app];
      const secret = composeSecretName(identity);
      expect({ name, secrets: listAt(compose.services[name], 'secrets').map(String).filter((s) => s.startsWith('nats_')) }).toEqual({ name, secrets: [secret] });
      expect({ name, env: textEntries(dictAt(compose.services[name], 'environment')).FLEET_NATS_NKEY_FILE }).toEqual({ name, env: `/run/secrets/${secret}` });
      expect({ name, file: instance.env.FLEET_NATS_NKEY_FILE }).toEqual({ name, file: path.join(KEYS_DIR, seedFile(identity)) });
    }
  });

  it('keys - npm run deploy:keys writes every key file compose mounts', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-compose-keys-'));
    try {
      writeDeploymentKeys(dir);
      const secretFiles = Object.values(dictAt(compose.top, 'secrets')).map((s) => path.resolve(path.dirname(compose.file), textAt(s, 'file') ?? ''));
      const fromKeys = [...secretFiles, ...bindMounts(compose.services.nats).values()].filter((f) => f.startsWith(`${KEYS_DIR}${path.sep}`));
      expect(fromKeys.length).toBe(Object.keys(IDENTITY_OF_APP).length + 1);
      for (const file of fromKeys) expect({ file, generated: existsSync(path.join(dir, path.relative(KEYS_DIR, file))) }).toEqual({ file, generated: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('apps - reach the broker at the nats service on its client port', () => {
    for (const name of compose.instances.keys()) {
      const urls = [config(name).natsUrl].flat().map(String);
      expect(urls).toEqual(['nats://nats:4222']);
    }
  });

  it('gateway - publishes the port it serves on', () => {
    const port = reports.get('gateway')?.httpPort;
    expect(port).toBeDefined();
    expect(listAt(compose.services.gateway, 'ports').map(String)).toContain(`${port}:${port}`);
  });

  it('agent - scales: a pool, no container name, no host port, restarted on exit', () => {
    const agent = compose.services.agent ?? {};
    expect(config('agent').pool).toEqual(expect.arrayContaining([expect.objectContaining({ deviceId: expect.any(String) })]));
    expect(agent.container_name).toBeUndefined();
    expect(agent.ports).toBeUndefined();
    expect(textAt(agent, 'restart')).toBe('unless-stopped');
  });

  describe('with a broker', () => {
    let broker: TestBroker;
    beforeAll(async () => {
      broker = await startTestBroker();
    });
    afterAll(async () => {
      await broker.stop();
    });

    it('agent pool - every entry is a device the sim service serves, at that port', async () => {
      const served = await servedDevices(compose.instances.get('sim')?.env ?? {}, broker.appArgs('sim'));
      const pool = config('agent').pool;
      const entries = Array.isArray(pool) ? pool : [];
      expect(entries.length).toBe(served.length);
      for (const entry of entries) {
        const { deviceId, kind, deviceHost, devicePort } = isDict(entry) ? entry : {};
        expect(deviceHost).toBe('sim');
        expect(served).toContainEqual({ deviceId, kind, port: devicePort });
      }
      expect(listAt(compose.services.sim, 'expose').map(String)).toContain(`${served[0]?.port}-${served.at(-1)?.port}`);
    });
  });

  it('client - docker compose config accepts the file', () => {
    const client = composeClient();
    if (!client.ok) {
      console.warn(`docker compose config skipped: the compose plugin does not run here (${client.reason})`);
      return;
    }
    execFileSync('docker', ['compose', '-f', compose.file, 'config', '--quiet'], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 30_000 });
  });
});
