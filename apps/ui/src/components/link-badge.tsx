import type { Link } from '@fleet/contracts';

/** Link between agent and hardware: up, down, or not known yet. */
export function LinkBadge({ link, reason, testId }: { link: Link | null | undefined; reason?: string; testId?: string }) {
  const value = link ?? 'unknown';
  return (
    <span className={`link link-${value}`} data-testid={testId} data-link={value} title={reason}>
      link {value}
    </span>
  );
}
