import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_PARTITIONS, partitionMappings, partitionOf, subjects } from '@fleet/contracts';
import { natsAuthOptions } from '@fleet/nats-auth';
import { startNatsServer, type NatsServerHandle } from '@fleet/nats-server';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { seedFile, writeDeploymentKeys } from '../src/broker-keys';
import { BROKER_CONF_NAME, BROKER_TLS_CONF_NAME, brokerConfigFiles, renderNatsConfigMap, renderPartitionsConf } from '../src/nats-config';
import { NATS_CONFIGMAP, NATS_DIR, PARTITIONS_CONF } from '../src/paths';
import { layOutBrokerConfig, makeTestCertificates, startBrokerOn } from './support/broker-files';
import { mappingPartitionCount, readMappings } from './support/nats-conf';

const shipped = readFileSync(PARTITIONS_CONF, 'utf8');

describe('nats config - partition mapping', () => {
  it('generated - the broker config files and their ConfigMap are current (npm run docs:deploy rewrites them)', () => {
    expect(shipped).toBe(renderPartitionsConf());
    const files = brokerConfigFiles();
    const onDisk = Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(path.join(NATS_DIR, name), 'utf8')]));
    expect(onDisk).toEqual(files);
    expect(readFileSync(NATS_CONFIGMAP, 'utf8')).toBe(renderNatsConfigMap(onDisk));
  });

  it('mapping - the shipped file maps exactly partitionMappings(DEFAULT_PARTITIONS)', () => {
    expect(readMappings(shipped)).toEqual(partitionMappings(DEFAULT_PARTITIONS));
    expect(mappingPartitionCount(readMappings(shipped))).toBe(DEFAULT_PARTITIONS);
  });

  it('broker - nats-server loads the shipped file and appends the partition nats-server computes', async () => {
    const server = await startNatsServer({ config: shipped, searchPath: process.env.PATH });
    const nc = await connect({ servers: server.url });
    try {
      const sub = nc.subscribe('fleet.v1.device.>', { max: 2 });
      nc.publish(subjects.deviceStatus('camera-1'), '{}');
      nc.publish(subjects.devicePresence('stage-12'), '{}');
      const seen: string[] = [];
      for await (const msg of sub) seen.push(msg.subject);
      expect(seen).toEqual([
        `fleet.v1.device.camera-1.status.${partitionOf('camera-1', DEFAULT_PARTITIONS)}`,
        `fleet.v1.device.stage-12.presence.${partitionOf('stage-12', DEFAULT_PARTITIONS)}`,
      ]);
    } finally {
      await nc.close();
      await server.stop();
    }
  });
});

describe('nats config - the shipped broker with generated keys, on a real nats-server', () => {
  let root: string;
  let keys: string;
  const open: NatsConnection[] = [];
  const as = async (server: NatsServerHandle, identity: string, tlsCa?: string): Promise<NatsConnection> => {
    const nc = await connect({ servers: server.url, ...natsAuthOptions({ nkeyFile: path.join(keys, seedFile(identity)), tlsCaFile: tlsCa }) });
    open.push(nc);
    return nc;
  };

  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'fleet-deploy-broker-'));
    keys = path.join(root, 'keys');
    writeDeploymentKeys(keys);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((nc) => nc.close()));
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('auth - fleet-broker.conf with the users of npm run deploy:keys: no anonymous client, each key its rights', async () => {
    const conf = mkdtempSync(path.join(tmpdir(), 'fleet-deploy-conf-'));
    layOutBrokerConfig(conf, keys);
    const server = await startBrokerOn(conf, BROKER_CONF_NAME);
    try {
      await expect(connect({ servers: server.url, reconnect: false })).rejects.toThrow(/authorization/i);
      const controller = await as(server, 'controller');
      const sub = controller.subscribe('fleet.v1.device.*.status.*', { max: 1 });
      await controller.flush();
      // The sim may publish nothing: its status is dropped by the broker, before the agent's.
      const sim = await as(server, 'sim');
      sim.publish(subjects.deviceStatus('camera-1'), 'from-sim');
      await sim.flush();
      const agent = await as(server, 'agent-pool');
      agent.publish(subjects.deviceStatus('camera-1'), 'from-agent');
      await agent.flush();
      const seen: string[] = [];
      for await (const msg of sub) seen.push(`${msg.subject} ${msg.string()}`);
      expect(seen).toEqual([`fleet.v1.device.camera-1.status.${partitionOf('camera-1', DEFAULT_PARTITIONS)} from-agent`]);
    } finally {
      await Promise.all(open.splice(0).map((nc) => nc.close()));
      await server.stop();
      rmSync(conf, { recursive: true, force: true });
    }
  });

  it('tls - fleet-broker-tls.conf (production) requires TLS: a client without the CA cannot trust it, one with it connects', async () => {
    const conf = mkdtempSync(path.join(tmpdir(), 'fleet-deploy-tls-'));
    const certs = path.join(root, 'tls');
    makeTestCertificates(certs);
    layOutBrokerConfig(conf, keys, certs);
    const server = await startBrokerOn(conf, BROKER_TLS_CONF_NAME);
    try {
      // The broker announces tls_required: nats.js upgrades, and without the CA refuses the certificate.
      await expect(connect({ servers: server.url, reconnect: false, ...natsAuthOptions({ nkeyFile: path.join(keys, seedFile('gateway')) }) })).rejects.toThrow(/certificate/i);
      const gateway = await as(server, 'gateway', path.join(certs, 'ca.crt'));
      const controller = await as(server, 'controller', path.join(certs, 'ca.crt'));
      const sub = controller.subscribe(subjects.controlSnapshot, { max: 1 });
      await controller.flush();
      gateway.publish(subjects.controlSnapshot, 'over-tls');
      const got: string[] = [];
      for await (const msg of sub) got.push(msg.string());
      expect(got).toEqual(['over-tls']);
    } finally {
      await Promise.all(open.splice(0).map((nc) => nc.close()));
      await server.stop();
      rmSync(conf, { recursive: true, force: true });
    }
  });
});
