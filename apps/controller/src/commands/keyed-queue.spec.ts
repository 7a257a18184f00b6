import { KeyedQueue } from './keyed-queue';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('keyed queue', () => {
  it('runs tasks of one key in order, one at a time, and other keys concurrently', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let releaseA1: () => void = () => undefined;
    const a1 = queue.run('a', () => new Promise<void>((resolve) => { log.push('a1 start'); releaseA1 = () => { log.push('a1 end'); resolve(); }; }));
    const a2 = queue.run('a', async () => { log.push('a2'); });
    const b1 = queue.run('b', async () => { log.push('b1'); });
    await tick();
    expect(log).toEqual(['a1 start', 'b1']);
    releaseA1();
    await Promise.all([a1, a2, b1]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await tick();
    expect(queue.activeKeys).toBe(0);
  });

  it('keeps going after a failing task', async () => {
    const queue = new KeyedQueue();
    await expect(queue.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(queue.run('a', async () => 7)).resolves.toBe(7);
  });
});

describe('keyed queue - settled', () => {
  it('waits for the selected keys only', async () => {
    const queue = new KeyedQueue();
    let releaseA: () => void = () => undefined;
    void queue.run('a', () => new Promise<void>((resolve) => (releaseA = resolve)));
    void queue.run('b', () => new Promise<void>(() => undefined));
    let settled = false;
    const waiting = queue.settled((key) => key === 'a').then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    releaseA();
    await waiting;
    expect(settled).toBe(true);
  });
});
