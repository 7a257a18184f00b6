import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { canConnect } from './nats-process';
import { startNatsCluster } from './nats-cluster';

/**
 * Retries `attempt` until it resolves: after a node is lost or comes back, stream and meta leaders
 * may be re-elected, and JetStream answers "temporarily unavailable" meanwhile.
 */
async function eventually<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('nats-cluster - three nodes', () => {
  it('keeps an R3 stream writable through the loss of one node, and takes the node back', async () => {
    const cluster = await startNatsCluster({ config: 'mappings { "probe.in": "probe.out" }\n' });
    try {
      expect(cluster.urls).toHaveLength(3);
      expect(cluster.url).toBe(cluster.urls.join(','));
      expect(new Set(cluster.nodes.map((n) => n.port)).size).toBe(3);

      const first = await connect({ servers: cluster.urls[0] });
      const jsm = await jetstreamManager(first);
      const created = await eventually(() => jsm.streams.add({ name: 'PROBE', subjects: ['probe.>'], num_replicas: 3 }), 15_000);
      expect(created.config.num_replicas).toBe(3);
      // The extra config reached the nodes: the mapping rewrites the subject before the stream sees it.
      await jetstream(first).publish('probe.in', 'one');
      expect((await jsm.streams.getMessage('PROBE', { seq: 1 }))?.subject).toBe('probe.out');
      await first.close();

      const [lost, survivor] = cluster.nodes;
      await lost?.kill();
      expect(lost?.pid()).toBeUndefined();
      expect(await canConnect(lost?.port ?? 0)).toBe(false);
      const other = await connect({ servers: survivor?.url });
      // A msgID makes a retry whose first attempt did land a duplicate that the stream drops.
      expect((await eventually(() => jetstream(other).publish('probe.after', 'two', { msgID: 'two' }), 15_000)).seq).toBe(2);
      await other.close();

      await lost?.start();
      expect(lost?.pid()).toEqual(expect.any(Number));
      const back = await connect({ servers: lost?.url });
      const backJsm = await jetstreamManager(back);
      // The returning node catches up with the stream: it lists both messages, whoever leads.
      expect(await eventually(async () => {
        const info = await backJsm.streams.info('PROBE');
        if (info.state.messages !== 2) throw new Error(`stream has ${info.state.messages} messages`);
        return info.state.messages;
      }, 15_000)).toBe(2);
      await back.close();
    } finally {
      await cluster.stop();
    }
    for (const node of cluster.nodes) expect(await canConnect(node.port)).toBe(false);
  }, 60_000);
});
