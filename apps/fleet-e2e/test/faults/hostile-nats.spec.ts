import { waitFor } from '@fleet/test-support';
import { recordRow } from './reliability-report';
import { clientRate, sleep } from './support/client-watch';
import { useFaultFleet, type LogEntry } from './support/fault-fleet';
import { hostilePayloads } from './support/hostile-payloads';
import { hostileTargets, type HostileTarget } from './support/hostile-targets';
import { scrape, total, type Sample } from './support/metrics';

jest.setTimeout(240_000);

/** Malformed messages per subscribed subject, as the issue asks. */
const PER_SUBJECT = 10_000;
/** Messages between flushes: paces the flood at what the broker round trip allows. */
const BATCH = 200;
const TARGET_RATE_HZ = 8;
const ASSERT_RATE_HZ = 5;
const INBOX = '_INBOX.hostile';

/** The highest count a service logged in `field` on lines with `msg` (agents and the simulator log every 1000th). */
function loggedCount(logs: readonly LogEntry[] | undefined, msg: string, field: string): number {
  return Math.max(0, ...(logs ?? []).filter((l) => l.msg === msg).map((l) => (typeof l[field] === 'number' ? l[field] : 0)));
}

describe('faults - hostile NATS input', () => {
  const fleet = useFaultFleet({ cameras: 2, stages: 1 });

  it('survives 10,000 malformed messages on every subscribed subject, counts them, and keeps real status at rate', async () => {
    const f = fleet();
    const victim = 'camera-1';
    const targets = hostileTargets(victim);
    const pids = [f.fleet.sim, f.fleet.controller, f.fleet.gateway, ...f.fleet.devices.map((d) => d.agent)].map((s) => [s.name, s.pid()]);
    const controllerBefore = await scrape(f.controllerMetricsUrl());
    const gatewayBefore = await scrape(f.gatewayMetricsUrl());
    let replies = 0;
    const inbox = f.probe.nc.subscribe(`${INBOX}.>`, { callback: () => void replies++ });

    const floodStart = Date.now();
    let sent = 0;
    for (const [t, target] of targets.entries()) {
      const started = Date.now();
      const payloads = hostilePayloads(target.shape, PER_SUBJECT, 7919 * (t + 1));
      for (const [i, payload] of payloads.entries()) {
        const subject = target.subjects[i % target.subjects.length] ?? '';
        f.probe.nc.publish(subject, payload, target.request ? { reply: `${INBOX}.${t}.${i}` } : undefined);
        if (i % BATCH === BATCH - 1) await f.probe.nc.flush();
      }
      await f.probe.nc.flush();
      sent += payloads.length;
      console.log(`${target.subjects.join(' + ')}: ${payloads.length} malformed messages in ${Date.now() - started} ms`);
    }
    const floodEnd = Date.now();
    const rates = f.fleet.devices.map((d) => ({ id: d.deviceId, rate: f.operator.statusesSince(d.deviceId, floodStart).length / ((floodEnd - floodStart) / 1000) }));
    for (const { id, rate } of rates) console.log(`${id}: ${rate.toFixed(1)} status/s at the client during the ${floodEnd - floodStart} ms flood`);

    // Counted: every message on a counting subscriber's subject shows up in its counter.
    const counts = await waitFor(
      'every malformed message to be counted',
      async () => {
        const c = await scrape(f.controllerMetricsUrl());
        const g = await scrape(f.gatewayMetricsUrl());
        const rows = targets.flatMap((target) => countsOf(target, c, g, controllerBefore, gatewayBefore, f.logs));
        return rows.every((r) => r.counted >= PER_SUBJECT) && rows;
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    ).catch(async () => {
      const c = await scrape(f.controllerMetricsUrl());
      const g = await scrape(f.gatewayMetricsUrl());
      return targets.flatMap((target) => countsOf(target, c, g, controllerBefore, gatewayBefore, f.logs));
    });
    inbox.unsubscribe();
    for (const c of counts) console.log(`${c.where}: ${c.counted} counted of ${PER_SUBJECT}`);
    console.log(`${replies} replies to ${targets.filter((t) => t.request).length * PER_SUBJECT} malformed requests`);

    // Real status keeps flowing afterwards too, and the real device still obeys.
    const after = Date.now();
    await sleep(1000);
    const crashed = pids.filter(([name, pid]) => {
      const service = [f.fleet.sim, f.fleet.controller, f.fleet.gateway, ...f.fleet.devices.map((d) => d.agent)].find((s) => s.name === name);
      return !service?.running() || service.pid() !== pid;
    });
    const slowest = Math.min(...rates.map((r) => r.rate));
    const uncounted = counts.filter((c) => c.counted < PER_SUBJECT);
    recordRow('hostile-nats', {
      fault: 'hostile NATS input',
      target: '0 crashes; every malformed message counted',
      measured: `${crashed.length} crashes; ${sent} messages on ${targets.length} subscriptions; ${counts.length - uncounted.length}/${counts.length} counters saw all ${PER_SUBJECT}`,
      pass: crashed.length === 0 && uncounted.length === 0,
      note: uncounted.length ? `short: ${uncounted.map((c) => `${c.where} ${c.counted}`).join(', ')}` : undefined,
    });
    recordRow('hostile-nats', {
      fault: 'hostile NATS input',
      target: `real status keeps flowing at rate during the flood (≥ ${TARGET_RATE_HZ}/s per device at the client)`,
      measured: `${slowest.toFixed(1)} status/s (slowest device, over ${Math.round((floodEnd - floodStart) / 1000)} s)`,
      pass: slowest >= TARGET_RATE_HZ,
    });
    expect(crashed).toEqual([]);
    expect(uncounted).toEqual([]);
    expect(slowest).toBeGreaterThanOrEqual(ASSERT_RATE_HZ);
    for (const d of f.fleet.devices) expect(clientRate(f.operator, d.deviceId, after)).toBeGreaterThanOrEqual(ASSERT_RATE_HZ);
    expect(f.operator.stateOf(victim)).toBe('Idle');
    expect(await f.operator.command({ deviceId: victim, command: 'start' })).toEqual({ data: expect.objectContaining({ accepted: true }) });
    expect((await f.probe.simFault(victim, { fault: 'query' })).ok).toBe(true);
  });
});

/** What each counter of `target` saw between `before` and now. */
function countsOf(
  target: HostileTarget,
  controller: readonly Sample[],
  gateway: readonly Sample[],
  controllerBefore: readonly Sample[],
  gatewayBefore: readonly Sample[],
  logs: Map<string, LogEntry[]>,
): Array<{ where: string; counted: number }> {
  const rows: Array<{ where: string; counted: number }> = [];
  const { controller: subject, gateway: source, logOf } = target.counted;
  if (subject) {
    const name = 'fleet_controller_invalid_messages_total';
    rows.push({ where: `controller ${subject}`, counted: total(controller, name, { subject }) - total(controllerBefore, name, { subject }) });
  }
  if (source) {
    const name = 'fleet_gateway_invalid_inputs_total';
    rows.push({ where: `gateway ${source}`, counted: total(gateway, name, { source }) - total(gatewayBefore, name, { source }) });
  }
  if (logOf) rows.push({ where: `${logOf.service} log "${logOf.msg}"`, counted: loggedCount(logs.get(logOf.service), logOf.msg, logOf.field) });
  return rows;
}
