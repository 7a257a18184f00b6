import { natsServers } from './nats-servers';

describe('nats-servers - url lists', () => {
  it('splits a comma-separated list and drops blanks', () => {
    expect(natsServers('nats://a:1')).toEqual(['nats://a:1']);
    expect(natsServers(' nats://a:1 , nats://b:2,')).toEqual(['nats://a:1', 'nats://b:2']);
    expect(natsServers(' , ')).toEqual([]);
  });
});
