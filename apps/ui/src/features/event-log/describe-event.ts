import { commandOutcomeOf, type FleetEvent } from '@fleet/contracts';

/** One line an operator can read, e.g. "start by alice: refused (camera is Exposing; ...)". */
export function describeEvent(event: FleetEvent): string {
  switch (event.type) {
    case 'transition':
      return `${event.from} → ${event.to}${event.reason ? ` (${event.reason})` : ''}`;
    case 'command': {
      const who = event.user ? ` by ${event.user}` : '';
      const outcome = commandOutcomeOf(event);
      const because = event.reason ? ` (${event.reason})` : '';
      return `${event.command}${who}: ${outcome === 'accepted' ? 'accepted' : `${outcome === 'in-doubt' ? 'in doubt' : 'refused'}${because}`}`;
    }
    case 'alarm':
      return `alarm ${event.action}${event.user ? ` by ${event.user}` : ''}${event.comment ? ` (${event.comment})` : ''}: ${event.alarm.message}`;
    case 'service':
      return `${event.action === 'out-of-service' ? 'out of service' : 'back in service'} by ${event.user}${event.reason ? ` (${event.reason})` : ''}`;
  }
}
