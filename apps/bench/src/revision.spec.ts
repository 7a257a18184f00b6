import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeRevision, revisionText } from './revision';

describe('bench - revision', () => {
  it('records the short commit of the checkout it runs in', () => {
    const revision = describeRevision(__dirname);
    expect(revision.commit).toMatch(/^[0-9a-f]{7,}$/);
    expect(typeof revision.dirty).toBe('boolean');
  });

  it('says unknown outside a checkout instead of failing the run', () => {
    expect(describeRevision(mkdtempSync(join(tmpdir(), 'bench-rev-')))).toEqual({ commit: 'unknown', dirty: false });
  });

  it('names uncommitted changes, since the figures then measured more than the commit', () => {
    expect(revisionText({ commit: 'abc1234', dirty: false })).toBe('abc1234');
    expect(revisionText({ commit: 'abc1234', dirty: true })).toBe('abc1234 with uncommitted changes');
    expect(revisionText(undefined)).toBe('not recorded');
  });
});
