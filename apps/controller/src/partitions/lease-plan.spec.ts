import { fairShare, planLeases, preference, type SeenLease } from './lease-plan';

const leases = (entries: Array<[number, string, boolean?]>): Map<number, SeenLease> =>
  new Map(entries.map(([p, owner, fresh = true]) => [p, { owner, fresh }]));
const range = (n: number): number[] => [...Array(n).keys()];

describe('lease plan - sharing partitions', () => {
  it('a lone replica takes every partition', () => {
    const plan = planLeases({ count: 16, me: 'a', members: [], leases: new Map(), mine: new Set() });
    expect(plan.acquire.sort((x, y) => x - y)).toEqual(range(16));
    expect(plan.release).toEqual([]);
  });

  it('a new replica takes only free partitions, up to its share, and never a fresh lease of a live replica', () => {
    const held = leases(range(10).map((p) => [p, 'a']));
    const plan = planLeases({ count: 16, me: 'b', members: ['a', 'b'], leases: held, mine: new Set() });
    expect(plan.acquire.sort((x, y) => x - y)).toEqual([10, 11, 12, 13, 14, 15]);
  });

  it('a replica over its share releases the surplus, keeping the partitions it prefers', () => {
    const mine = new Set(range(16));
    const plan = planLeases({ count: 16, me: 'a', members: ['a', 'b'], leases: leases(range(16).map((p) => [p, 'a'])), mine });
    expect(plan.release).toHaveLength(8);
    expect(plan.acquire).toEqual([]);
    const kept = range(16).filter((p) => !plan.release.includes(p));
    expect(Math.min(...kept.map((p) => preference('a', p)))).toBeGreaterThanOrEqual(Math.max(...plan.release.map((p) => preference('a', p))));
  });

  it('survivors take the partitions of a replica that stopped renewing or left', () => {
    const seen = leases([...range(8).map((p): [number, string, boolean] => [p, 'dead', false]), ...range(8).map((p): [number, string] => [p + 8, 'a'])]);
    const plan = planLeases({ count: 16, me: 'a', members: ['a'], leases: seen, mine: new Set(range(8).map((p) => p + 8)) });
    expect(plan.acquire.sort((x, y) => x - y)).toEqual(range(8));
    const gone = leases(range(8).map((p) => [p, 'left']));
    expect(planLeases({ count: 8, me: 'a', members: ['a'], leases: gone, mine: new Set() }).acquire).toHaveLength(8);
  });

  it('a restarted replica reclaims the leases its earlier run still holds', () => {
    const plan = planLeases({ count: 4, me: 'a', members: ['a'], leases: leases(range(4).map((p) => [p, 'a'])), mine: new Set() });
    expect(plan.reclaim).toEqual([0, 1, 2, 3]);
    expect(plan.acquire).toEqual([]);
  });

  it('shares rounded up cover every partition', () => {
    expect(fairShare(16, 3)).toBe(6);
    expect(fairShare(16, 0)).toBe(16);
    expect(fairShare(1, 4)).toBe(1);
  });

  it('two replicas planning from the same view want different partitions first', () => {
    const view = { count: 16, members: ['a', 'b'], leases: new Map<number, SeenLease>(), mine: new Set<number>() };
    const a = planLeases({ ...view, me: 'a' }).acquire;
    const b = planLeases({ ...view, me: 'b' }).acquire;
    expect(a).toHaveLength(8);
    expect(a.filter((p) => b.includes(p)).length).toBeLessThan(8);
  });
});
