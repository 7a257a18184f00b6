import { commandKey, parseCommandRecord } from './command-record';

describe('command records', () => {
  it('turns any request id into a valid, stable KV key', () => {
    const key = commandKey('weird id: ünïcode / *.> spaces');
    expect(key).toMatch(/^[-_A-Za-z0-9]{43}$/);
    expect(commandKey('weird id: ünïcode / *.> spaces')).toBe(key);
    expect(commandKey('other')).not.toBe(key);
  });

  it('reads a done record back only for its own request id', () => {
    const done = { status: 'done', requestId: 'r1', reply: { requestId: 'r1', accepted: true, state: 'Exposing' } };
    expect(parseCommandRecord(done, 'r1')).toEqual(done);
    expect(parseCommandRecord(done, 'r2')).toBeUndefined();
    expect(parseCommandRecord('garbage', 'r1')).toBeUndefined();
  });

  it('reads pending and in-doubt records with the time they were claimed', () => {
    const inDoubt = { status: 'in-doubt', requestId: 'r1', deviceId: 'camera-1', command: 'start', at: 1000 };
    expect(parseCommandRecord(inDoubt, 'r1')).toEqual(inDoubt);
    expect(parseCommandRecord({ ...inDoubt, status: 'pending' }, 'r1')).toEqual({ ...inDoubt, status: 'pending' });
    expect(parseCommandRecord({ ...inDoubt, at: undefined }, 'r1')).toBeUndefined();
  });
});
