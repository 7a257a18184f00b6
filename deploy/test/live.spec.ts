import { readFileSync } from 'node:fs';
import type { AppName } from '../src/apps';
import { renderMetricsList } from '../src/config-reference';
import { isDict, listAt, textAt } from '../src/guards';
import { parseExposition, metricsInExpr, seriesNames, type MetricFamily } from '../src/metrics';
import { DASHBOARD, README } from '../src/paths';
import { readSection } from '../src/readme-sections';
import { httpGet, startHttpApps, type RunningApps } from '../src/running-apps';
import { composeModel, k8sModels } from './support/models';

/** Every HTTP probe path the deployment files use, per app, with where it is used. */
function probePaths(): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  const instances = [...composeModel().instances.values(), ...k8sModels().flatMap((m) => m.instances)];
  for (const instance of instances) {
    for (const probe of instance.probes) {
      const key = `${instance.app} ${probe.path}`;
      byKey.set(key, [...(byKey.get(key) ?? []), `${instance.where} ${probe.kind}`]);
    }
  }
  return byKey;
}

/** Every expression of the dashboard's panels. */
function dashboardExprs(): string[] {
  const dashboard: unknown = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
  return listAt(dashboard, 'panels').flatMap((panel) => listAt(panel, 'targets').map((t) => textAt(t, 'expr') ?? ''));
}

describe('running apps', () => {
  let running: RunningApps;
  const scraped: Partial<Record<AppName, MetricFamily[]>> = {};

  beforeAll(async () => {
    running = await startHttpApps();
    for (const [app, port] of Object.entries(running.ports)) {
      const res = await httpGet(port, '/metrics');
      if (app === 'sim' || app === 'controller' || app === 'gateway') scraped[app] = parseExposition(res.body);
    }
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
  });

  it('probes - every path used by compose, Kubernetes and the images answers 200 on the real app', async () => {
    const paths = probePaths();
    expect(paths.size).toBeGreaterThan(0);
    for (const [key, users] of paths) {
      const [app = '', path = ''] = key.split(' ');
      const port = app === 'sim' || app === 'controller' || app === 'gateway' ? running.ports[app] : undefined;
      const status = port === undefined ? 'no HTTP port' : (await httpGet(port, path)).status;
      expect({ probe: key, usedBy: users[0], status }).toEqual({ probe: key, usedBy: users[0], status: 200 });
    }
  });

  it('metrics - each app exports its fleet figures and the event-loop lag', () => {
    for (const app of ['sim', 'controller', 'gateway'] as const) {
      const names = (scraped[app] ?? []).map((f) => f.name);
      expect(names).toContain('nodejs_eventloop_lag_seconds');
      expect(names.some((n) => n.startsWith('fleet_'))).toBe(true);
    }
  });

  it('dashboard - every metric it queries is exported by one of the apps', () => {
    const exported = new Set(Object.values(scraped).flatMap((families) => (families ?? []).flatMap(seriesNames)));
    const used = new Set(dashboardExprs().flatMap(metricsInExpr));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
  });

  it('dashboard - shows the key figures: status in/out and invalid, command latency, gateway queues, alarms, NATS, event loop', () => {
    const used = new Set(dashboardExprs().flatMap(metricsInExpr));
    for (const name of [
      'fleet_controller_status_messages_total',
      'fleet_controller_invalid_messages_total',
      'fleet_controller_command_duration_seconds_bucket',
      'fleet_gateway_client_pending_max',
      'fleet_controller_alarms_active',
      'fleet_controller_alarm_kpi',
      'fleet_controller_nats_connected',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(used).toContain(name);
    }
    const dashboard: unknown = JSON.parse(readFileSync(DASHBOARD, 'utf8'));
    expect(isDict(dashboard) && typeof dashboard.title === 'string').toBe(true);
  });

  it('dashboard - has a panel for each alarm KPI the controller exports (rate, standing, stale, chattering, shelved, flood)', () => {
    const kpiExprs = dashboardExprs().filter((expr) => metricsInExpr(expr).includes('fleet_controller_alarm_kpi'));
    const help = (scraped.controller ?? []).find((f) => f.name === 'fleet_controller_alarm_kpi')?.help ?? '';
    for (const kpi of ['raised_10m', 'standing', 'stale', 'chattering', 'shelved', 'flood']) {
      expect({ kpi, exported: help.includes(kpi), onDashboard: kpiExprs.some((expr) => new RegExp(`\\b${kpi}\\b`).test(expr)) }).toEqual({ kpi, exported: true, onDashboard: true });
    }
  });

  it('readme - the metrics list is what the apps export (npm run docs:deploy rewrites it)', () => {
    expect(readSection(readFileSync(README, 'utf8'), 'metrics')).toBe(renderMetricsList(scraped));
  });
});
