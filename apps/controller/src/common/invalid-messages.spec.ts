import { InvalidMessages } from './invalid-messages';

describe('invalid messages', () => {
  it('counts by pattern and reason, and logs once per source', () => {
    const warn = jest.fn();
    const invalid = new InvalidMessages({ warn });
    invalid.record('fleet.v1.device.*.status', 'schema', 'fleet.v1.device.a.status', 'seq: Required');
    invalid.record('fleet.v1.device.*.status', 'schema', 'fleet.v1.device.a.status', 'seq: Required');
    invalid.record('fleet.v1.device.*.status', 'schema', 'fleet.v1.device.b.status', 'seq: Required');
    expect(invalid.snapshot()).toEqual({ 'fleet.v1.device.*.status schema': 3 });
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
