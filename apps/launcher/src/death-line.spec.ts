import type { ServiceDeath } from '@fleet/fleet-runner';
import { formatDeath } from './death-line';

const diedAt = Date.UTC(2026, 0, 1, 12, 34, 56, 100);

function death(fields: Partial<ServiceDeath>): ServiceDeath {
  return {
    service: 'agent camera-1',
    code: null,
    signal: 'SIGKILL',
    reason: undefined,
    uptimeMs: 12_345,
    restartAt: diedAt + 200,
    restartInMs: 200,
    quickDeaths: 1,
    crashLoop: false,
    ...fields,
  };
}

describe('death-line - one line per unexpected death', () => {
  it('names the app, the signal, its run time and when it restarts', () => {
    expect(formatDeath(death({}))).toBe(
      '12:34:56 launcher           WARN  agent camera-1 died (signal SIGKILL) after 12.3 s; restarting it at 12:34:56.300 (in 200 ms)',
    );
  });

  it('gives the exit code, and why the launcher ended it when it did', () => {
    expect(formatDeath(death({ service: 'gateway', signal: null, code: 1, uptimeMs: 800 }))).toContain('gateway died (exit code 1) after 800 ms;');
    expect(formatDeath(death({ reason: 'did not log "ready" within 15000 ms' }))).toContain(
      'died (signal SIGKILL: did not log "ready" within 15000 ms)',
    );
  });

  it('reports a crash loop as an error, with the growing delay', () => {
    const line = formatDeath(death({ signal: null, code: 3, uptimeMs: 90, quickDeaths: 5, crashLoop: true, restartAt: diedAt + 3_200, restartInMs: 3_200 }));
    expect(line).toBe(
      '12:34:56 launcher           ERROR agent camera-1 died (exit code 3) after 90 ms; crash loop: 5 quick deaths in a row, backing off; restarting it at 12:34:59.300 (in 3.2 s)',
    );
  });
});
