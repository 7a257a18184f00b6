import type { DeviceCommandReply } from '@fleet/contracts/wire';
import { RequestMemory, WITHDRAWN_ERROR } from './request-memory';

const ok: DeviceCommandReply = { ok: true, reply: 'ok', seq: 1 };
const refusal = (error: string): DeviceCommandReply => ({ ok: false, error, seq: 0 });

describe('RequestMemory', () => {
  let now = 1000;
  const clock = () => now;
  beforeEach(() => {
    now = 1000;
  });

  it('runs a requestId once: a resend gets the first reply, also while the first is still running', async () => {
    const memory = new RequestMemory(10, 60_000, clock);
    let runs = 0;
    let finish: (reply: DeviceCommandReply) => void = () => undefined;
    const execute = () => {
      runs++;
      return new Promise<DeviceCommandReply>((resolve) => (finish = resolve));
    };
    const first = memory.run('r1', execute, refusal);
    const resent = memory.run('r1', execute, refusal);
    expect(memory.query('r1')).toEqual({ requestId: 'r1', status: 'running' });
    finish(ok);
    expect(await first).toEqual(ok);
    expect(await resent).toEqual(ok);
    expect(await memory.run('r1', execute, refusal)).toEqual(ok);
    expect(runs).toBe(1);
    expect(memory.query('r1')).toEqual({ requestId: 'r1', status: 'done', reply: ok });
  });

  it('answers not-received for an unknown requestId and then refuses it, so it never runs', async () => {
    const memory = new RequestMemory(10, 60_000, clock);
    now = 5000;
    expect(memory.query('late')).toEqual({ requestId: 'late', status: 'not-received', memoryFrom: 1000 });
    let runs = 0;
    const reply = await memory.run('late', () => (runs++, Promise.resolve(ok)), refusal);
    expect(reply).toEqual(refusal(WITHDRAWN_ERROR));
    expect(runs).toBe(0);
    expect(memory.query('late')).toMatchObject({ status: 'not-received' });
  });

  it('moves memoryFrom forward when it forgets, by count and by age, so not-received never claims too much', async () => {
    const memory = new RequestMemory(2, 10_000, clock);
    for (const id of ['a', 'b', 'c']) {
      now += 100;
      await memory.run(id, () => Promise.resolve(ok), refusal);
    }
    expect(memory.size).toBe(2);
    expect(memory.memoryFrom).toBe(1100);
    expect(memory.query('a')).toMatchObject({ status: 'not-received', memoryFrom: 1100 });
    now += 20_000;
    expect(memory.memoryFrom).toBeGreaterThanOrEqual(1300);
    expect(memory.query('c')).toMatchObject({ status: 'not-received' });
  });

  it('keeps a command still running past the count bound', async () => {
    const memory = new RequestMemory(1, 60_000, clock);
    let finish: (reply: DeviceCommandReply) => void = () => undefined;
    const slow = memory.run('slow', () => new Promise<DeviceCommandReply>((resolve) => (finish = resolve)), refusal);
    await memory.run('quick', () => Promise.resolve(ok), refusal);
    expect(memory.query('slow')).toEqual({ requestId: 'slow', status: 'running' });
    finish(ok);
    await slow;
    expect(memory.query('slow')).toMatchObject({ status: 'done' });
  });

  it('turns a failing run into a refusal that a resend also gets', async () => {
    const memory = new RequestMemory(10, 60_000, clock);
    const reply = await memory.run('bad', () => Promise.reject(new Error('boom')), refusal);
    expect(reply).toEqual(refusal('agent error: Error: boom'));
    expect(await memory.run('bad', () => Promise.resolve(ok), refusal)).toEqual(reply);
  });
});
