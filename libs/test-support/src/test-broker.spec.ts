import { partitionOf, subjects } from '@fleet/contracts';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { startTestBroker } from './test-broker';

describe('test-broker - real broker', () => {
  it('serves JetStream and keeps its data, url and keys across restart()', async () => {
    const broker = await startTestBroker();
    try {
      let nc = await connect(broker.connectionOptions());
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'] });
      await nc.close();

      await broker.restart();

      nc = await connect(broker.connectionOptions());
      const info = await (await jetstreamManager(nc)).streams.info('PROBE');
      expect(info.config.subjects).toEqual(['probe.>']);
      await nc.close();
    } finally {
      await broker.stop();
    }
  });
});

describe('test-broker - authorization', () => {
  it('refuses a client without credentials by default and hands out each identity\'s files', async () => {
    const broker = await startTestBroker({ devices: ['camera-1'] });
    try {
      await expect(connect({ servers: broker.url, maxReconnectAttempts: 0 })).rejects.toThrow(/Authorization/i);
      expect(broker.appArgs('agent-camera-1')).toEqual(['--nats-url', broker.url, '--nats-nkey-file', broker.credentials('agent-camera-1').nkeyFile]);
      expect(broker.credentials('agent-stage-9')).toEqual(broker.credentials('agent-pool'));
      const gateway = broker.connectionOptions('gateway');
      expect(gateway.inboxPrefix).toMatch(/^_INBOX_U[A-Z2-7]{55}$/);
      const nc = await connect(gateway);
      await nc.close();
    } finally {
      await broker.stop();
    }
  });

  it('asks for nothing with auth: false', async () => {
    const broker = await startTestBroker({ auth: false });
    try {
      expect(broker.appArgs('controller')).toEqual(['--nats-url', broker.url]);
      const nc = await connect({ servers: broker.url, maxReconnectAttempts: 0 });
      await nc.close();
    } finally {
      await broker.stop();
    }
  });
});

describe('test-broker - partition mapping', () => {
  it('delivers device status with the partition token when started with partitions', async () => {
    const broker = await startTestBroker({ partitions: 16 });
    const nc = await connect(broker.connectionOptions());
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
