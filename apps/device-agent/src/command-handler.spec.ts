import { cameraKind, DeviceCommandReplySchema, stageKind } from '@fleet/contracts';
import { FakeLink, line } from '../test/support/fake-link';
import { handleCommand, type CommandDeps } from './command-handler';
import { RequestMemory } from './request-memory';

const deps = (link: FakeLink, spec = cameraKind, memory = new RequestMemory()): CommandDeps => ({ spec, link, lastSeq: () => 7, memory });
const request = (body: unknown): string => JSON.stringify(body);

describe('command-handler', () => {
  it('sends a whitelisted command ahead of polls and replies ok with the last seq', async () => {
    const link = new FakeLink({ start_exposure: line('ok') });
    const outcome = await handleCommand(request({ requestId: 'r1', command: 'start_exposure' }), deps(link));
    expect(outcome).toEqual({ reply: { ok: true, reply: 'ok', seq: 7 }, invalid: false });
    expect(link.sent).toEqual([{ line: 'start_exposure', priority: 'command' }]);
  });

  it('maps an error reply from the device', async () => {
    const link = new FakeLink({ 'move_to 10': line('error not homed') });
    const outcome = await handleCommand(request({ requestId: 'r', command: 'move_to', args: [10] }), deps(link, stageKind));
    expect(outcome.reply).toEqual({ ok: false, error: 'not homed', seq: 7 });
  });

  it('reports a link failure', async () => {
    const outcome = await handleCommand(request({ requestId: 'r', command: 'stop_exposure' }), deps(new FakeLink({})));
    expect(outcome.reply).toEqual({ ok: false, error: 'link down: closed by device', seq: 7 });
  });

  it('reports a command the device had when its link failed as in doubt, not refused', async () => {
    const link = new FakeLink({ start_exposure: { ok: false, error: 'link down: timeout', sent: true } });
    const outcome = await handleCommand(request({ requestId: 'r', command: 'start_exposure' }), deps(link));
    expect(DeviceCommandReplySchema.parse(outcome.reply)).toEqual({ ok: false, error: 'link down: timeout', seq: 7, inDoubt: true });
  });

  it.each([
    ['not json', '{'],
    ['wrong shape', request({ command: 42 })],
    ['not whitelisted', request({ requestId: 'r', command: 'get_exposing_time' })],
    ['line injection', request({ requestId: 'r', command: 'start_exposure\nstop_exposure' })],
  ])('rejects %s without touching the device', async (_name, payload) => {
    const link = new FakeLink({});
    const outcome = await handleCommand(payload, deps(link));
    expect(outcome.invalid).toBe(true);
    expect(DeviceCommandReplySchema.parse(outcome.reply)).toEqual({ ok: false, error: expect.any(String), seq: 7 });
    expect(link.sent).toEqual([]);
  });

  it('treats an unexpected reply as a protocol error', async () => {
    const link = new FakeLink({ start_exposure: line('maybe') });
    const outcome = await handleCommand(request({ requestId: 'r', command: 'start_exposure' }), deps(link));
    expect(outcome.reply).toMatchObject({ ok: false });
    expect(link.failedWith).toMatch(/^protocol error/);
  });

  it('runs a resent requestId once and replies to the resend with the first reply', async () => {
    const link = new FakeLink({ start_exposure: line('ok') });
    const d = deps(link);
    const first = await handleCommand(request({ requestId: 'r1', command: 'start_exposure' }), d);
    const again = await handleCommand(request({ requestId: 'r1', command: 'start_exposure' }), d);
    expect(again).toEqual(first);
    expect(link.sent).toHaveLength(1);
  });

  it('answers an outcome query without touching the device: done, or not received and then never run', async () => {
    const link = new FakeLink({ start_exposure: line('ok') });
    const d = deps(link);
    await handleCommand(request({ requestId: 'ran', command: 'start_exposure' }), d);
    const ran = await handleCommand(request({ requestId: 'ran', query: 'outcome' }), d);
    expect(ran).toEqual({ reply: { requestId: 'ran', status: 'done', reply: { ok: true, reply: 'ok', seq: 7 } }, invalid: false });
    const lost = await handleCommand(request({ requestId: 'lost', query: 'outcome' }), d);
    expect(lost.reply).toMatchObject({ requestId: 'lost', status: 'not-received', memoryFrom: expect.any(Number) });
    const late = await handleCommand(request({ requestId: 'lost', command: 'start_exposure' }), d);
    expect(late.reply).toMatchObject({ ok: false, error: expect.stringContaining('withdrawn') });
    expect(link.sent).toHaveLength(1);
  });

  it('rejects a malformed query as invalid', async () => {
    const outcome = await handleCommand(request({ requestId: 'r', query: 'run' }), deps(new FakeLink({})));
    expect(outcome).toMatchObject({ invalid: true, error: expect.stringContaining('invalid query') });
  });
});
