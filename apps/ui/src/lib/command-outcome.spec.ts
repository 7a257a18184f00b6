import { toCommandOutcome } from './command-outcome';

describe('toCommandOutcome', () => {
  it('maps accepted, refused and error acks', () => {
    const accepted = { requestId: 'r1', accepted: true, state: 'Exposing' };
    expect(toCommandOutcome({ data: accepted })).toEqual({ kind: 'accepted', reply: accepted });
    const refused = { requestId: 'r2', accepted: false, reason: 'camera is Idle; stop is allowed in Exposing', state: 'Idle' };
    expect(toCommandOutcome({ data: refused })).toEqual({ kind: 'refused', reason: refused.reason, reply: refused });
    expect(toCommandOutcome({ error: 'controller unavailable' })).toEqual({ kind: 'error', error: 'controller unavailable' });
  });

  it('shows a command whose outcome is unknown as in doubt, never as refused', () => {
    const reason = "sent; outcome unknown: check the device's state (the agent's reply was lost)";
    const inDoubt = { requestId: 'r3', accepted: false, outcome: 'in-doubt', reason, state: 'Idle' };
    expect(toCommandOutcome({ data: inDoubt })).toEqual({ kind: 'in-doubt', reason, reply: inDoubt });
  });

  it('never trusts a malformed ack', () => {
    expect(toCommandOutcome(undefined).kind).toBe('error');
    expect(toCommandOutcome({ data: { accepted: 'yes' } }).kind).toBe('error');
  });
});
