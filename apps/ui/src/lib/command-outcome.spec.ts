import { toCommandOutcome } from './command-outcome';

describe('toCommandOutcome', () => {
  it('maps accepted, refused and error acks', () => {
    const accepted = { requestId: 'r1', accepted: true, state: 'Exposing' };
    expect(toCommandOutcome({ data: accepted })).toEqual({ kind: 'accepted', reply: accepted });
    const refused = { requestId: 'r2', accepted: false, reason: 'camera is Idle; stop is allowed in Exposing', state: 'Idle' };
    expect(toCommandOutcome({ data: refused })).toEqual({ kind: 'refused', reason: refused.reason, reply: refused });
    expect(toCommandOutcome({ error: 'controller unavailable' })).toEqual({ kind: 'error', error: 'controller unavailable' });
  });

  it('never trusts a malformed ack', () => {
    expect(toCommandOutcome(undefined).kind).toBe('error');
    expect(toCommandOutcome({ data: { accepted: 'yes' } }).kind).toBe('error');
  });
});
