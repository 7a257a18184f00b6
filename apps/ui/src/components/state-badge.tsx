import { toneOf } from '../lib/device-presentation';
import { UNKNOWN_STATE } from '../lib/fleet-data';

/** A device's controller state, coloured by its tone. */
export function StateBadge({ kind, state, testId }: { kind: string; state: string | undefined; testId?: string }) {
  return (
    <span className={`badge tone-${toneOf(kind, state)}`} data-testid={testId} data-state={state ?? UNKNOWN_STATE}>
      {state ?? UNKNOWN_STATE}
    </span>
  );
}
