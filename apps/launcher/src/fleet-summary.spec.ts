import { describeFleet } from './fleet-summary';

describe('fleet-summary - ready line', () => {
  it('names the controllers, the partitions and the local broker nodes', () => {
    expect(describeFleet({ controllers: 1, partitions: 16, natsNodes: 1, natsServers: ['nats://127.0.0.1:4222'] })).toBe(
      '1 controller, 16 partitions; local broker nats://127.0.0.1:4222',
    );
    expect(describeFleet({ controllers: 2, partitions: 16, natsNodes: 3, natsServers: ['nats://a:1', 'nats://b:2', 'nats://c:3'] })).toBe(
      '2 controllers, 16 partitions; local 3-node cluster nats://a:1,nats://b:2,nats://c:3',
    );
    expect(describeFleet({ controllers: 2, partitions: 4, natsNodes: 3, natsServers: [] })).toBe('2 controllers, 4 partitions; local 3-node cluster');
  });

  it('says when the broker was given rather than started', () => {
    expect(describeFleet({ controllers: 3, partitions: 8, natsNodes: undefined, natsServers: ['nats://a:1', 'nats://b:2'] })).toBe(
      '3 controllers, 8 partitions; given broker nats://a:1,nats://b:2 (2 servers; its mapping must have 8 partitions)',
    );
  });
});
