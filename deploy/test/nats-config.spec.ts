import { readFileSync } from 'node:fs';
import { DEFAULT_PARTITIONS, partitionMappings, partitionOf, subjects } from '@fleet/contracts';
import { startNatsServer } from '@fleet/nats-server';
import { connect } from '@nats-io/transport-node';
import { renderNatsConfigMap, renderPartitionsConf } from '../src/nats-config';
import { NATS_CONFIGMAP, PARTITIONS_CONF } from '../src/paths';
import { mappingPartitionCount, readMappings } from './support/nats-conf';

const shipped = readFileSync(PARTITIONS_CONF, 'utf8');

describe('nats config - partition mapping', () => {
  it('generated - the mapping file and its ConfigMap are current (npm run docs:deploy rewrites them)', () => {
    expect(shipped).toBe(renderPartitionsConf());
    expect(readFileSync(NATS_CONFIGMAP, 'utf8')).toBe(renderNatsConfigMap(shipped));
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
