import type { FleetEvent } from '@fleet/contracts';
import { ValueStore } from './value-store';

/** Events kept in the page; older ones fall off. */
export const MAX_LOGGED_EVENTS = 1000;

/** Recent fleet events, oldest first, deduplicated by id (history and live updates overlap). */
export class EventLogStore extends ValueStore<readonly FleetEvent[]> {
  constructor() {
    super([]);
  }

  /** Merges events from history or live updates. */
  add(events: readonly FleetEvent[]): void {
    if (events.length === 0) return;
    const byId = new Map(this.get().map((e) => [e.id, e]));
    for (const event of events) byId.set(event.id, event);
    const merged = [...byId.values()].sort((a, b) => a.ts - b.ts);
    this.set(merged.slice(-MAX_LOGGED_EVENTS));
  }
}
