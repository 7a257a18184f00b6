import { execFileSync } from 'node:child_process';

/** The source revision a bench run measured, so that its figures can be quoted with it. */
export interface Revision {
  /** `git rev-parse --short HEAD`, or `unknown` outside a git checkout. */
  commit: string;
  /** True when tracked files differed from that commit: the run measured more than the commit. */
  dirty: boolean;
}

function git(args: readonly string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // No git, or not a checkout (e.g. an installed copy): the revision is informative only.
    return undefined;
  }
}

/** The revision of the checkout at `cwd`. */
export function describeRevision(cwd: string): Revision {
  const commit = git(['rev-parse', '--short', 'HEAD'], cwd);
  if (commit === undefined) return { commit: 'unknown', dirty: false };
  return { commit, dirty: (git(['status', '--porcelain', '--untracked-files=no'], cwd) ?? '') !== '' };
}

/** How a report names the revision: `abc1234`, or `abc1234 with uncommitted changes`. */
export function revisionText(revision: Revision | undefined): string {
  if (!revision) return 'not recorded';
  return revision.dirty ? `${revision.commit} with uncommitted changes` : revision.commit;
}
