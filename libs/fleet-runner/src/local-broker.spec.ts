import { partitionOf, subjects } from '@fleet/contracts';
import { freePort } from '@fleet/nats-server';
import { connect } from '@nats-io/transport-node';
import { startLocalBroker, type LocalBroker } from './local-broker';

/** The subject a status published on `publishVia` arrives as on `subscribeVia`, published until it crosses. */
async function deliveredSubject(subscribeVia: string, publishVia: string, deviceId: string): Promise<string> {
  const [sub, pub] = await Promise.all([connect({ servers: subscribeVia }), connect({ servers: publishVia })]);
  try {
    const received = sub.subscribe('fleet.v1.device.>', { max: 1 });
    await sub.flush();
    // Across a cluster, the subscription's interest reaches the other nodes shortly after: repeat.
    const repeat = setInterval(() => pub.publish(subjects.deviceStatus(deviceId), '{}'), 100);
    try {
      for await (const msg of received) return msg.subject;
      throw new Error('subscription ended without a message');
    } finally {
      clearInterval(repeat);
    }
  } finally {
    await Promise.all([sub.close(), pub.close()]);
  }
}

describe('local-broker - partition mapping', () => {
  let broker: LocalBroker | undefined;
  afterEach(async () => {
    await broker?.stop();
    broker = undefined;
  });

  it('starts one server that appends the partition token', async () => {
    broker = await startLocalBroker({ nodes: 1, partitions: 4, searchPath: process.env.PATH });
    expect(broker.server?.url).toBe(broker.servers[0]);
    expect(broker.cluster).toBeUndefined();
    const url = broker.servers[0] ?? '';
    expect(await deliveredSubject(url, url, 'stage-7')).toBe(`fleet.v1.device.stage-7.status.${partitionOf('stage-7', 4)}`);
  });

  it('starts a three-node cluster with the same mapping on every node', async () => {
    broker = await startLocalBroker({ nodes: 3, partitions: 16, searchPath: process.env.PATH });
    expect(broker.server).toBeUndefined();
    expect(broker.servers).toEqual(broker.cluster?.urls);
    expect(broker.servers).toHaveLength(3);
    const [a = '', b = '', c = ''] = broker.servers;
    const expected = `fleet.v1.device.camera-9.status.${partitionOf('camera-9', 16)}`;
    expect(await deliveredSubject(a, b, 'camera-9')).toBe(expected);
    expect(await deliveredSubject(b, c, 'camera-9')).toBe(expected);
  }, 60_000);

  it('adds the extra config to the server, e.g. a monitoring port', async () => {
    const monitor = await freePort();
    broker = await startLocalBroker({ nodes: 1, partitions: 4, searchPath: process.env.PATH, extraConfig: `http: "127.0.0.1:${monitor}"\n` });
    const varz = await fetch(`http://127.0.0.1:${monitor}/varz`);
    expect(varz.status).toBe(200);
  });
});
