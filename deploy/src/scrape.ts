import type { AppName } from './apps';
import { parseExposition, type MetricFamily } from './metrics';
import { httpGet, startHttpApps } from './running-apps';

/** Starts the HTTP apps, reads each one's /metrics, and stops them again. */
export async function scrapeAll(): Promise<Partial<Record<AppName, MetricFamily[]>>> {
  const running = await startHttpApps();
  try {
    const out: Partial<Record<AppName, MetricFamily[]>> = {};
    for (const [app, port] of Object.entries(running.ports)) {
      const res = await httpGet(port, '/metrics');
      if (res.status !== 200) throw new Error(`${app} /metrics answered ${res.status}`);
      if (app === 'sim' || app === 'controller' || app === 'gateway') out[app] = parseExposition(res.body);
    }
    return out;
  } finally {
    await running.stop();
  }
}
