import { partitionOf, subjects } from '@fleet/contracts';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startTestBroker } from './test-broker';

describe('test-broker - real broker', () => {
  it('serves JetStream and keeps its data and url across restart()', async () => {
    const broker = await startTestBroker();
    try {
      let nc = await connect({ servers: broker.url });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      await nc.close();

      await broker.restart();

      nc = await connect({ servers: broker.url });
      const info = await (await jetstreamManager(nc)).streams.info('PROBE');
      expect(info.config.subjects).toEqual(['probe.>']);
      await nc.close();
    } finally {
      await broker.stop();
    }
  });
});

describe('test-broker - partition mapping', () => {
  it('delivers device status with the partition token when started with partitions', async () => {
    const broker = await startTestBroker({ partitions: 16 });
    const nc = await connect({ servers: broker.url });
    try {
      const sub = nc.subscribe('fleet.v1.device.>', { max: 1 });
      nc.publish(subjects.deviceStatus('camera-1'), '{}');
      for await (const msg of sub) expect(msg.subject).toBe(`fleet.v1.device.camera-1.status.${partitionOf('camera-1', 16)}`);
    } finally {
      await nc.close();
      await broker.stop();
    }
  });
});
