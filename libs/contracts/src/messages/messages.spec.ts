import { ControlCommandReplySchema, ControlCommandSchema, commandOutcomeOf } from './control-command';
import { DeviceCommandOutcomeSchema, DeviceCommandSchema } from './device-command';
import { DeviceStatusSchema } from './device-status';
import { FleetEventSchema } from './fleet-event';
import { PresenceSchema } from './presence';

const status = {
  deviceId: 'camera-1',
  kind: 'camera',
  seq: 7,
  ts: 1_700_000_000_000,
  link: 'up',
  hwState: 'exposing',
  readings: { exposingTime: 1.25 },
  counters: { polls: 7, timeouts: 0, reconnects: 0, skippedPolls: 0 },
};

describe('DeviceStatus - validation', () => {
  it('accepts a well-formed status', () => {
    expect(DeviceStatusSchema.safeParse(status).success).toBe(true);
  });

  it.each([
    ['a deviceId with a dot', { deviceId: 'a.b' }, 'deviceId'],
    ['a deviceId with a wildcard', { deviceId: '>' }, 'deviceId'],
    ['a 65-character deviceId', { deviceId: 'x'.repeat(65) }, 'deviceId'],
    ['an unknown kind', { kind: 'toaster' }, 'kind'],
    ['a hardware state the kind does not have', { hwState: 'moving' }, 'hwState'],
    ['a negative seq', { seq: -1 }, 'seq'],
    ['a link that is neither up nor down', { link: 'sideways' }, 'link'],
    ['a non-numeric reading', { readings: { exposingTime: 'long' } }, 'readings'],
  ])('rejects %s', (_what, patch, path) => {
    const result = DeviceStatusSchema.safeParse({ ...status, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path[0])).toContain(path);
  });
});

describe('Presence - validation', () => {
  it('tells birth from goodbye', () => {
    const birth = PresenceSchema.safeParse({
      type: 'birth', deviceId: 'stage-1', kind: 'stage', statusHz: 10, version: '0.1.0', pid: 42, host: 'h', ts: 1,
    });
    expect(birth.success && birth.data.type).toBe('birth');
    expect(PresenceSchema.safeParse({ type: 'goodbye', deviceId: 'stage-1', ts: 1 }).success).toBe(true);
    expect(PresenceSchema.safeParse({ type: 'hello', deviceId: 'stage-1', ts: 1 }).success).toBe(false);
  });
});

describe('commands - validation', () => {
  it('keeps hardware commands to single safe tokens', () => {
    expect(DeviceCommandSchema.safeParse({ requestId: 'r1', command: 'move_to', args: [12.5] }).success).toBe(true);
    expect(DeviceCommandSchema.safeParse({ requestId: 'r1', command: 'move_to\nreset' }).success).toBe(false);
    expect(DeviceCommandSchema.safeParse({ requestId: 'r1', command: 'home', args: ['a b'] }).success).toBe(false);
  });

  it('needs a requestId on control commands', () => {
    expect(ControlCommandSchema.safeParse({ deviceId: 'camera-1', command: 'start' }).success).toBe(false);
    expect(ControlCommandSchema.safeParse({ deviceId: 'camera-1', command: 'start', requestId: 'r' }).success).toBe(true);
  });

  it('reads the outcome of a reply, also from replies without the field', () => {
    const inDoubt = ControlCommandReplySchema.parse({ requestId: 'r', accepted: false, outcome: 'in-doubt', reason: 'sent; outcome unknown', state: 'Idle' });
    expect(commandOutcomeOf(inDoubt)).toBe('in-doubt');
    expect(commandOutcomeOf(ControlCommandReplySchema.parse({ requestId: 'r', accepted: true, state: 'Exposing' }))).toBe('accepted');
    expect(commandOutcomeOf(ControlCommandReplySchema.parse({ requestId: 'r', accepted: false, state: 'Idle' }))).toBe('refused');
    expect(ControlCommandReplySchema.safeParse({ requestId: 'r', accepted: false, outcome: 'maybe', state: 'Idle' }).success).toBe(false);
  });

  it('tells the three answers to an outcome query apart', () => {
    const reply = { ok: true, reply: 'ok', seq: 3 };
    expect(DeviceCommandOutcomeSchema.parse({ requestId: 'r', status: 'done', reply })).toEqual({ requestId: 'r', status: 'done', reply });
    expect(DeviceCommandOutcomeSchema.safeParse({ requestId: 'r', status: 'running' }).success).toBe(true);
    expect(DeviceCommandOutcomeSchema.safeParse({ requestId: 'r', status: 'not-received' }).success).toBe(false);
    expect(DeviceCommandOutcomeSchema.safeParse({ requestId: 'r', status: 'not-received', memoryFrom: 1 }).success).toBe(true);
  });
});

describe('FleetEvent - validation', () => {
  it('accepts transitions and command results', () => {
    const base = { id: 'e1', ts: 1, deviceId: 'camera-1' };
    expect(FleetEventSchema.safeParse({ ...base, type: 'transition', from: 'Idle', to: 'Exposing', reason: 'start' }).success).toBe(true);
    expect(FleetEventSchema.safeParse({ ...base, type: 'command', requestId: 'r', command: 'start', accepted: false, reason: 'no' }).success).toBe(true);
    expect(FleetEventSchema.safeParse({ ...base, type: 'rumour' }).success).toBe(false);
  });
});
