import { stageKind, type ControlCommand } from '@fleet/contracts';
import { newRecord } from '../devices/status-logic';
import { camera, cameraRecord, fixedContext } from '../testing/fixtures';
import { AGENT_UNREACHABLE_REASON, STORE_UNAVAILABLE_REASON, UNKNOWN_DEVICE_STATE, applyAgentResult, inDoubt, inDoubtReason, planCommand, refuse, reportResolved, validateArgs } from './command-logic';

const cmd = (command: string, args?: Record<string, number>): ControlCommand => ({
  deviceId: 'camera-1',
  command,
  requestId: 'r-1',
  ...(args ? { args } : {}),
  user: 'alice',
});

describe('command logic', () => {
  const ctx = fixedContext(2000, 300);

  it('plans the hardware command of an allowed command', () => {
    expect(planCommand(camera, cameraRecord('Idle'), cmd('start'))).toEqual({
      outcome: 'send',
      request: { requestId: 'r-1', command: 'start_exposure', args: [] },
    });
  });

  it('refuses an unknown device', () => {
    expect(planCommand(undefined, undefined, { ...cmd('start'), deviceId: 'cam-x' })).toEqual({ outcome: 'refused', reason: 'unknown device cam-x' });
    expect(refuse(undefined, cmd('start'), 'unknown device camera-1', ctx).reply.state).toBe(UNKNOWN_DEVICE_STATE);
  });

  it('refuses a command not allowed in the current state with a readable reason', () => {
    expect(planCommand(camera, cameraRecord('SavingImages'), cmd('start'))).toEqual({
      outcome: 'refused',
      reason: 'camera is SavingImages; start is allowed in Idle',
    });
  });

  it('validates arguments against the kind spec, in spec order', () => {
    const stage = newRecord('stage-1', 'stage', 10, 0);
    const ready = { ...stage, state: { ...stage.state, state: 'Ready' } };
    const moveTo = (args?: Record<string, number>) => planCommand(stageKind, ready, { ...cmd('move_to', args), deviceId: 'stage-1' });
    expect(moveTo({ position: 12.5 })).toEqual({ outcome: 'send', request: { requestId: 'r-1', command: 'move_to', args: [12.5] } });
    expect(moveTo()).toEqual({ outcome: 'refused', reason: 'move_to needs position (Position mm)' });
    expect(moveTo({ position: 301 })).toEqual({ outcome: 'refused', reason: 'position must be at most 300 mm' });
    expect(moveTo({ position: -1 })).toEqual({ outcome: 'refused', reason: 'position must be at least 0 mm' });
    expect(moveTo({ position: 1, speed: 2 })).toEqual({ outcome: 'refused', reason: 'move_to takes position; unexpected speed' });
    expect(validateArgs('start', camera.commands.start ?? { label: '', hardware: '' }, { x: 1 })).toEqual({
      ok: false,
      reason: 'start takes no arguments; unexpected x',
    });
  });

  describe('agent results', () => {
    const idle = cameraRecord('Idle', { refeed: false, lastFed: 'hw.idle' });

    it('accepted: feeds the command, fences older samples, emits command and transition events', () => {
      const out = applyAgentResult(camera, idle, cmd('start'), { type: 'reply', reply: { ok: true, reply: 'ok', seq: 42 } }, ctx);
      expect(out.reply).toEqual({ requestId: 'r-1', accepted: true, outcome: 'accepted', state: 'Exposing' });
      expect(out.record).toMatchObject({ fenceSeq: 42, refeed: true, state: { state: 'Exposing', reason: 'command start by alice' } });
      expect(out.effects.map((e) => e.type)).toEqual(['publishEvent', 'publishState', 'persist', 'publishEvent']);
      expect(out.effects[0]).toMatchObject({ event: { type: 'command', accepted: true, requestId: 'r-1', command: 'start', user: 'alice' } });
    });

    it('device error: refused with the device message, state unchanged', () => {
      const out = applyAgentResult(camera, idle, cmd('start'), { type: 'reply', reply: { ok: false, error: 'busy', seq: 3 } }, ctx);
      expect(out.reply).toEqual({ requestId: 'r-1', accepted: false, outcome: 'refused', reason: 'device error: busy', state: 'Idle' });
      expect(out.record).toBe(idle);
      expect(out.effects).toEqual([
        { type: 'publishEvent', event: expect.objectContaining({ type: 'command', accepted: false, reason: 'device error: busy' }) },
      ]);
    });

    it('nothing delivered: refused "agent unreachable", state unchanged', () => {
      const out = applyAgentResult(camera, idle, cmd('start'), { type: 'not-run', reason: AGENT_UNREACHABLE_REASON }, ctx);
      expect(out.reply).toEqual({ requestId: 'r-1', accepted: false, outcome: 'refused', reason: AGENT_UNREACHABLE_REASON, state: 'Idle' });
      expect(out.record).toBe(idle);
      expect(out.effects).toHaveLength(1);
    });

    it('reply lost after sending: in doubt, never refused, state unchanged, and the event says so', () => {
      const out = applyAgentResult(camera, idle, cmd('start'), { type: 'in-doubt', detail: "the agent's reply was lost" }, ctx);
      expect(out.reply).toEqual({ requestId: 'r-1', accepted: false, outcome: 'in-doubt', reason: inDoubtReason("the agent's reply was lost"), state: 'Idle' });
      expect(out.reply.reason).toMatch(/^sent; outcome unknown: check the device's state/);
      expect(out.reply.reason).not.toMatch(/refused/);
      expect(out.record).toBe(idle);
      expect(out.effects).toEqual([{ type: 'publishEvent', event: expect.objectContaining({ type: 'command', accepted: false, outcome: 'in-doubt' }) }]);
    });

    it('a command store that cannot be read is never a refusal: an earlier attempt may have run', () => {
      const out = inDoubt(idle, cmd('start'), '', ctx, STORE_UNAVAILABLE_REASON);
      expect(out.reply).toMatchObject({ accepted: false, outcome: 'in-doubt', reason: STORE_UNAVAILABLE_REASON });
    });

    it('answers in doubt when the device had the line and its link failed before it answered', () => {
      const reply = { ok: false as const, error: 'link down: timeout', seq: 3, inDoubt: true as const };
      const out = applyAgentResult(camera, idle, cmd('start'), { type: 'reply', reply }, ctx);
      expect(out.reply).toMatchObject({ accepted: false, outcome: 'in-doubt', state: 'Idle' });
      expect(out.reply.reason).toContain('the device did not answer: link down: timeout');
      expect(out.record).toBe(idle);
    });

    it('keeps an in-doubt reason within the reply limit', () => {
      expect(inDoubtReason('x'.repeat(1000))).toHaveLength(500);
    });

    it('reports an outcome learnt later without feeding the machine', () => {
      const out = reportResolved(idle, cmd('start'), { type: 'reply', reply: { ok: true, reply: 'ok', seq: 9 } }, ctx);
      expect(out.reply).toEqual({ requestId: 'r-1', accepted: true, outcome: 'accepted', state: 'Idle' });
      expect(out.record).toBe(idle);
      expect(out.effects).toEqual([{ type: 'publishEvent', event: expect.objectContaining({ accepted: true, outcome: 'accepted' }) }]);
      expect(reportResolved(idle, cmd('start'), { type: 'reply', reply: { ok: false, error: 'busy', seq: 9 } }, ctx).reply).toMatchObject({ outcome: 'refused', reason: 'device error: busy' });
    });
  });
});
