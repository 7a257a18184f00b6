import type { ServiceDeath } from '@fleet/fleet-runner';
import { formatLogLine } from './log-format';

/** pino's numeric levels, so that the launcher's own lines read like the apps'. */
const WARN = 40;
const ERROR = 50;

function seconds(ms: number): string {
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

/**
 * The one line the launcher prints when an app dies unexpectedly: which app, how it ended, how
 * long it had run and when it is started again; a crash loop makes it an ERROR that says so.
 */
export function formatDeath(death: ServiceDeath): string {
  const how = death.signal !== null ? `signal ${death.signal}` : `exit code ${death.code ?? 'unknown'}`;
  const cause = death.reason === undefined ? how : `${how}: ${death.reason}`;
  const restartAt = new Date(death.restartAt).toISOString().slice(11, 23);
  const loop = death.crashLoop ? `; crash loop: ${death.quickDeaths} quick deaths in a row, backing off` : '';
  const msg = `${death.service} died (${cause}) after ${seconds(death.uptimeMs)}${loop}; restarting it at ${restartAt} (in ${seconds(death.restartInMs)})`;
  const time = death.restartAt - death.restartInMs;
  return formatLogLine('launcher', JSON.stringify({ level: death.crashLoop ? ERROR : WARN, time, msg }));
}
