import { InvalidMessages } from '../common/invalid-messages';
import { INTAKE_SLICE_MS, IntakeQueue, type IntakeLogger, MAX_QUEUED_BYTES, OVERLOAD_REASON } from './intake-queue';

const quiet: IntakeLogger = { warn: () => undefined, info: () => undefined, error: () => undefined };
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

function setup(): { queue: IntakeQueue; invalid: InvalidMessages; handled: string[] } {
  const invalid = new InvalidMessages(quiet);
  return { queue: new IntakeQueue(quiet, invalid), invalid, handled: [] };
}

describe('intake queue', () => {
  it('handles every message in arrival order, after the current turn', async () => {
    const { queue, handled } = setup();
    for (let i = 0; i < 5; i++) queue.push(i % 2, 'status', `s${i}`, 10, () => handled.push(`m${i}`));
    expect(handled).toEqual([]);
    expect(queue.pending()).toBe(5);
    await turn();
    expect(handled).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(queue.pending()).toBe(0);
  });

  it('yields the event loop between slices, so timers run during a burst', async () => {
    const { queue, handled } = setup();
    let timerAt = -1;
    for (let i = 0; i < 20; i++) {
      queue.push(0, 'status', 's', 10, () => {
        // A timer due while the burst is being handled.
        if (i === 0) setTimeout(() => (timerAt = handled.length), 0);
        busy(3);
        handled.push(`m${i}`);
      });
    }
    await queue.settled(0);
    expect(handled).toHaveLength(20);
    // The timer ran after the first slice of about INTAKE_SLICE_MS, not after the whole 60 ms burst.
    expect(timerAt).toBeGreaterThan(0);
    expect(timerAt).toBeLessThanOrEqual(Math.ceil(INTAKE_SLICE_MS / 3) + 1);
  });

  it('reports what has been heard: the oldest waiting arrival, or now when nothing waits', async () => {
    const { queue } = setup();
    expect(queue.heardUpTo(123)).toBe(123);
    const before = Date.now();
    queue.push(0, 'status', 's', 10, () => undefined);
    expect(queue.heardUpTo(Number.MAX_SAFE_INTEGER)).toBeGreaterThanOrEqual(before);
    expect(queue.heardUpTo(Number.MAX_SAFE_INTEGER)).toBeLessThanOrEqual(Date.now());
    await turn();
    expect(queue.heardUpTo(456)).toBe(456);
  });

  it('catches up with what waits now, not with what arrives later', async () => {
    const { queue, handled } = setup();
    await expect(queue.caughtUp()).resolves.toBeUndefined();
    for (let i = 0; i < 3; i++) queue.push(0, 'status', 's', 10, () => handled.push(`m${i}`));
    const caught = queue.caughtUp().then(() => [...handled]);
    queue.push(0, 'status', 's', 10, () => handled.push('later'));
    // Resolved once the first three are handled; the later one does not hold it back.
    expect((await caught).slice(0, 3)).toEqual(['m0', 'm1', 'm2']);
    queue.push(1, 'status', 's', 10, () => handled.push('lost'));
    const discarded = queue.caughtUp();
    queue.discard(1);
    await expect(discarded).resolves.toBeUndefined();
  });

  it('drops the waiting messages of a lost partition and keeps the others', async () => {
    const { queue, handled } = setup();
    for (let i = 0; i < 6; i++) queue.push(i % 3, 'status', 's', 10, () => handled.push(`p${i % 3}-${i}`));
    queue.discard(1);
    await queue.settled(0);
    await queue.settled(1);
    expect(handled).toEqual(['p0-0', 'p2-2', 'p0-3', 'p2-5']);
  });

  it('settles a handed-over partition only once its waiting messages are handled', async () => {
    const { queue, handled } = setup();
    queue.push(3, 'status', 's', 10, () => handled.push('a'));
    await expect(queue.settled(4)).resolves.toBeUndefined();
    const settled = queue.settled(3).then(() => [...handled]);
    await expect(settled).resolves.toEqual(['a']);
  });

  it('counts and drops messages beyond the byte bound, and takes them again once drained', async () => {
    const { queue, invalid, handled } = setup();
    queue.push(0, 'fleet.v1.device.*.status', 'a', MAX_QUEUED_BYTES - 10, () => handled.push('big'));
    queue.push(0, 'fleet.v1.device.*.status', 'b', 11, () => handled.push('over'));
    expect(invalid.snapshot()).toEqual({ [`fleet.v1.device.*.status ${OVERLOAD_REASON}`]: 1 });
    await queue.settled(0);
    queue.push(0, 'fleet.v1.device.*.status', 'c', 11, () => handled.push('after'));
    await queue.settled(0);
    expect(handled).toEqual(['big', 'after']);
  });

  it('keeps going when a handler throws', async () => {
    const { queue, handled } = setup();
    queue.push(0, 'status', 's', 1, () => {
      throw new Error('boom');
    });
    queue.push(0, 'status', 's', 1, () => handled.push('next'));
    await queue.settled(0);
    expect(handled).toEqual(['next']);
  });
});
