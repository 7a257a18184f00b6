import { NatsLink } from './nats-link';

describe('nats-link - reconnect listeners', () => {
  it('runs every listener on each reconnect', () => {
    const link = new NatsLink();
    const calls: string[] = [];
    link.onReconnect(() => calls.push('a'));
    link.onReconnect(() => calls.push('b'));
    link.reconnected();
    link.reconnected();
    expect(calls).toEqual(['a', 'b', 'a', 'b']);
  });
});
