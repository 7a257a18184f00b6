import { isBalanced, readyHttpPort } from './replica-metrics';

describe('replica-metrics - ready line', () => {
  it('reads the HTTP port of a ready line and ignores every other line', () => {
    expect(readyHttpPort('{"level":30,"msg":"ready","httpPort":40123,"replicaId":"controller-1"}')).toBe(40123);
    expect(readyHttpPort('{"level":30,"msg":"started","httpPort":40123}')).toBeUndefined();
    expect(readyHttpPort('{"msg":"ready","httpPort":"40123"}')).toBeUndefined();
    expect(readyHttpPort('not json')).toBeUndefined();
  });
});

describe('replica-metrics - balance', () => {
  it('holds when every partition is owned and each replica has a fair share', () => {
    expect(isBalanced([16], 16)).toBe(true);
    expect(isBalanced([8, 8], 16)).toBe(true);
    expect(isBalanced([6, 5, 5], 16)).toBe(true);
  });

  it('does not hold while a replica is idle, over its share or partitions are unowned', () => {
    expect(isBalanced([16, 0], 16)).toBe(false);
    expect(isBalanced([10, 6], 16)).toBe(false);
    expect(isBalanced([4, 4, 4, 3], 16)).toBe(false);
    expect(isBalanced([], 16)).toBe(false);
  });
});
