import { DeviceCommandQuerySchema, DeviceCommandSchema } from './device-command';
import { isDeviceCommandQuery, parseDeviceCommand, parseDeviceCommandQuery } from './device-command-guard';

const samples: unknown[] = [
  { requestId: 'r1', command: 'home' },
  { requestId: 'r1', command: 'move_to', args: [12.5] },
  { requestId: 'r1', command: 'move_to', args: ['12.5', 'fast'] },
  { requestId: 'x'.repeat(128), command: 'a'.repeat(64), args: [1, 2, 3, 4, 5, 6, 7, 8] },
  { requestId: '', command: 'home' },
  { requestId: 'x'.repeat(129), command: 'home' },
  { requestId: 'r1', command: 'a'.repeat(65) },
  { requestId: 'r1', command: 'move to' },
  { requestId: 'r1', command: 'home\n' },
  { requestId: 'r1', command: 'home', args: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
  { requestId: 'r1', command: 'home', args: [Infinity] },
  { requestId: 'r1', command: 'home', args: [null] },
  { requestId: 'r1', command: 'home', args: 'x' },
  { requestId: 1, command: 'home' },
  { command: 'home' },
  null,
  'home',
  [],
  42,
];

describe('parseDeviceCommand - agrees with DeviceCommandSchema', () => {
  it.each(samples.map((sample) => [JSON.stringify(sample), sample]))('%s', (_name, sample) => {
    const zod = DeviceCommandSchema.safeParse(sample);
    const guard = parseDeviceCommand(sample);
    expect(guard.success).toBe(zod.success);
    if (guard.success && zod.success) expect(guard.data).toEqual(zod.data);
    if (!guard.success) expect(guard.issues.length).toBeGreaterThan(0);
  });
});

const querySamples: unknown[] = [
  { requestId: 'r1', query: 'outcome' },
  { requestId: 'x'.repeat(128), query: 'outcome' },
  { requestId: 'r1', query: 'outcome', command: 'home' },
  { requestId: '', query: 'outcome' },
  { requestId: 'x'.repeat(129), query: 'outcome' },
  { requestId: 'r1', query: 'run' },
  { requestId: 'r1' },
  { requestId: 7, query: 'outcome' },
  { query: 'outcome' },
  null,
  [],
  'outcome',
];

describe('parseDeviceCommandQuery - agrees with DeviceCommandQuerySchema', () => {
  it.each(querySamples.map((sample) => [JSON.stringify(sample), sample]))('%s', (_name, sample) => {
    const zod = DeviceCommandQuerySchema.safeParse(sample);
    const guard = parseDeviceCommandQuery(sample);
    expect(guard.success).toBe(zod.success);
    if (guard.success && zod.success) expect(guard.data).toEqual(zod.data);
    if (!guard.success) expect(guard.issues.length).toBeGreaterThan(0);
  });

  it('tells a query from a command by its query field', () => {
    expect(isDeviceCommandQuery({ requestId: 'r1', query: 'outcome' })).toBe(true);
    expect(isDeviceCommandQuery({ requestId: 'r1', command: 'home' })).toBe(false);
    expect(isDeviceCommandQuery(null)).toBe(false);
  });
});
