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
