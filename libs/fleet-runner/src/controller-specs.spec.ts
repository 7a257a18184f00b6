import { appEntry } from './app-entries';
import { controllerSpecs } from './controller-specs';

describe('controller-specs - replicas', () => {
  it('gives each replica its id, an ephemeral HTTP port, the partition count and the KV replicas', () => {
    const specs = controllerSpecs({ count: 2, partitions: 8, kvReplicas: 3, natsUrl: 'nats://a:1,nats://b:2', stepMs: 300 });
    expect(specs.map((s) => s.name)).toEqual(['controller-1', 'controller-2']);
    for (const [i, spec] of specs.entries()) {
      expect(spec.entry).toBe(appEntry('controller'));
      expect(spec.args).toEqual([
        '--nats-url', 'nats://a:1,nats://b:2', '--http-port', '0', '--replica-id', `controller-${i + 1}`,
        '--partitions', '8', '--kv-replicas', '3', '--step-ms', '300',
      ]);
    }
  });

  it('keeps the service name controller for a lone replica', () => {
    const [only, ...rest] = controllerSpecs({ count: 1, partitions: 16, kvReplicas: 1, natsUrl: 'nats://a:1', stepMs: undefined });
    expect(rest).toEqual([]);
    expect(only?.name).toBe('controller');
    expect(only?.args).toEqual(['--nats-url', 'nats://a:1', '--http-port', '0', '--replica-id', 'controller-1', '--partitions', '16', '--kv-replicas', '1']);
  });
});
