import { cameraKind, DeviceCommandReplySchema, stageKind } from '@fleet/contracts';
import { FakeLink, line } from '../test/support/fake-link';
import { handleCommand } from './command-handler';

const deps = (link: FakeLink, spec = cameraKind) => ({ spec, link, lastSeq: () => 7 });
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
    expect(outcome.reply.ok).toBe(false);
    expect(link.failedWith).toMatch(/^protocol error/);
  });
});
