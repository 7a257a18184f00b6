import { DedupeCache } from './dedupe-cache';

describe('dedupe cache', () => {
  it('returns the first value for a repeated key until it expires', () => {
    let now = 0;
    const cache = new DedupeCache<string>(10, 1000, () => now);
    cache.set('a', 'first');
    now = 999;
    expect(cache.get('a')).toBe('first');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the oldest entries beyond its bound', () => {
    const cache = new DedupeCache<number>(3, 60_000, () => 0);
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k1')).toBeUndefined();
    expect(cache.get('k4')).toBe(4);
  });

  it('drops expired entries when adding', () => {
    let now = 0;
    const cache = new DedupeCache<number>(100, 10, () => now);
    cache.set('old', 1);
    now = 20;
    cache.set('new', 2);
    expect(cache.size).toBe(1);
  });
});
