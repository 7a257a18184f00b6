import { NatsLink, RECONNECT_GRACE_MS } from './nats-link';

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

describe('nats-link - hearing', () => {
  it('is deaf while the connection is down, then counts silence only after a grace', () => {
    const link = new NatsLink();
    expect(link.hearing).toBe(true);
    link.hearingLost();
    expect(link.hearing).toBe(false);
    link.hearingBack(10_000);
    expect(link.hearing).toBe(true);
    expect(link.hearingSince).toBe(10_000 + RECONNECT_GRACE_MS);
  });
});
