import { partitionOf, subjects } from '@fleet/contracts';
import { connect } from '@nats-io/transport-node';
import { startTestCluster } from './test-cluster';

describe('test-cluster - partitioned cluster', () => {
  it('maps status on every node and keeps serving clients while a node is down', async () => {
    const cluster = await startTestCluster({ partitions: 16 });
    const via = (node: number) => connect(cluster.through(node).connectionOptions());
    try {
      expect(cluster.urls).toHaveLength(3);
      expect(cluster.url.split(',')).toEqual(cluster.urls);
      // Subscriber on node 3, publisher on node 2: the mapped subject crosses the route.
      const sub = await via(2);
      const received = sub.subscribe('fleet.v1.device.>', { max: 1 });
      await sub.flush();
      await cluster.killNode(0);
      const pub = await via(1);
      // Until the subscriber's interest has crossed the route, a publish reaches no one: repeat.
      const repeat = setInterval(() => pub.publish(subjects.deviceStatus('camera-1'), '{}'), 100);
      try {
        for await (const msg of received) expect(msg.subject).toBe(`fleet.v1.device.camera-1.status.${partitionOf('camera-1', 16)}`);
      } finally {
        clearInterval(repeat);
      }
      await Promise.all([sub.close(), pub.close()]);

      await cluster.startNode(0);
      const back = await via(0);
      await back.flush();
      await back.close();
    } finally {
      await cluster.stop();
    }
  }, 60_000);

  it('names a node it does not have', async () => {
    const cluster = await startTestCluster({ nodes: 1 });
    try {
      await expect(cluster.killNode(3)).rejects.toThrow(RangeError);
    } finally {
      await cluster.stop();
    }
  }, 30_000);
});
