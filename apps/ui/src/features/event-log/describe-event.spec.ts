import type { FleetEvent } from '@fleet/contracts';
import { describeEvent } from './describe-event';

const command = (patch: Partial<Extract<FleetEvent, { type: 'command' }>>): FleetEvent => ({
  type: 'command',
  id: 'e1',
  ts: 1,
  deviceId: 'camera-1',
  requestId: 'r1',
  command: 'start',
  accepted: false,
  user: 'alice',
  ...patch,
});

describe('describeEvent - commands', () => {
  it('says accepted, refused or in doubt, with the reason', () => {
    expect(describeEvent(command({ accepted: true, outcome: 'accepted' }))).toBe('start by alice: accepted');
    expect(describeEvent(command({ reason: 'camera is Exposing' }))).toBe('start by alice: refused (camera is Exposing)');
    expect(describeEvent(command({ outcome: 'in-doubt', reason: 'sent; outcome unknown' }))).toBe('start by alice: in doubt (sent; outcome unknown)');
  });
});
