import type { Browser } from 'playwright-core';
import { UI_TOKEN_KEY, launchChromium } from './browser';

/** What {@link measureUiPerformance} reports. */
export interface UiPerformance {
  /** Main-thread tasks over 50 ms, scaled to 10 s. */
  longTasksPer10s: number;
  /** Longest such task, 0 when none. */
  longTaskMaxMs: number;
  /** From a `devices` batch reaching the page (WebSocket message) to the DOM mutation it causes. */
  renderDelayP50Ms: number;
  renderDelayP95Ms: number;
  renderDelayMaxMs: number;
  /** From the batch to the next animation frame after its DOM update (closer to "on screen"). */
  frameDelayP95Ms: number;
  /** `devices` batches received in the window, and how many changed the DOM. */
  batches: number;
  batchesRendered: number;
  /** Devices the overview reports (its `data-count`). */
  devicesShown: number;
  durationMs: number;
}

/** Options of {@link measureUiPerformance}. */
export interface UiPerformanceOptions {
  /** Measurement window; default 10 s. */
  durationMs?: number;
  /** Wait until the overview shows at least this many devices before measuring; default 1. */
  minDevices?: number;
  /** Viewport; default a laptop screen. */
  viewport?: { width: number; height: number };
  /** Reuse a browser (e.g. the test's); otherwise one is launched and closed. */
  browser?: Browser;
}

/** Page-side probe, installed before any page script runs. Plain JS: it runs in the browser. */
const PROBE = `(() => {
  const probe = { longTasks: [], arrivals: [], renders: [], frames: [], recording: false };
  window.__fleetProbe = probe;
  new PerformanceObserver((list) => {
    if (!probe.recording) return;
    for (const entry of list.getEntries()) probe.longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  let pending = -1;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      // Registered before Socket.IO's own handler, so it runs first for every message.
      this.addEventListener('message', (event) => {
        if (!probe.recording || typeof event.data !== 'string' || !event.data.startsWith('42["devices"')) return;
        pending = performance.now();
        probe.arrivals.push(pending);
      });
    }
  };
  const observer = new MutationObserver(() => {
    if (pending < 0) return;
    const arrived = pending;
    pending = -1;
    const rendered = performance.now();
    probe.renders.push(rendered - arrived);
    requestAnimationFrame(() => probe.frames.push(performance.now() - arrived));
  });
  const start = () => observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
})();`;

/** Page expression: the number of devices the overview shows. */
const DEVICES_SHOWN = `Number(document.querySelector('[data-testid="fleet-overview"]')?.getAttribute('data-count') ?? 0)`;

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function isProbeResult(value: unknown): value is ProbeResult {
  if (typeof value !== 'object' || value === null) return false;
  const r: Partial<Record<keyof ProbeResult, unknown>> = value;
  return isNumberArray(r.longTasks) && isNumberArray(r.arrivals) && isNumberArray(r.renders) && isNumberArray(r.frames);
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface ProbeResult {
  longTasks: number[];
  arrivals: number[];
  renders: number[];
  frames: number[];
}

/**
 * Opens the operator UI at `url` logged in with `token`, waits for the fleet to show, then
 * records main-thread long tasks and the delay from each `devices` batch to its DOM update.
 * A batch that changes nothing visible (e.g. only scrolled-away tiles) is counted but has no
 * delay: the next DOM mutation after the next batch never gets attributed to an older one.
 */
export async function measureUiPerformance(url: string, token: string, options: UiPerformanceOptions = {}): Promise<UiPerformance> {
  const durationMs = options.durationMs ?? 10_000;
  const browser = options.browser ?? (await launchChromium());
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  try {
    await context.addInitScript(`sessionStorage.setItem(${JSON.stringify(UI_TOKEN_KEY)}, ${JSON.stringify(token)})`);
    await context.addInitScript(PROBE);
    const page = await context.newPage();
    await page.goto(url);
    const minDevices = options.minDevices ?? 1;
    await page.waitForFunction(`${DEVICES_SHOWN} >= ${minDevices}`, undefined, { timeout: 30_000 });
    // Let the first snapshot's render and the chart settle before measuring.
    await page.waitForTimeout(1000);
    await page.evaluate('window.__fleetProbe.recording = true');
    await page.waitForTimeout(durationMs);
    const raw: unknown = await page.evaluate(
      '(() => { const p = window.__fleetProbe; p.recording = false; return { longTasks: p.longTasks, arrivals: p.arrivals, renders: p.renders, frames: p.frames }; })()',
    );
    if (!isProbeResult(raw)) throw new Error('the page probe returned an unexpected value');
    const result = raw;
    const shown: unknown = await page.evaluate(DEVICES_SHOWN);
    const devicesShown = typeof shown === 'number' ? shown : 0;
    return {
      longTasksPer10s: (result.longTasks.length * 10_000) / durationMs,
      longTaskMaxMs: Math.max(0, ...result.longTasks),
      renderDelayP50Ms: percentile(result.renders, 50),
      renderDelayP95Ms: percentile(result.renders, 95),
      renderDelayMaxMs: Math.max(0, ...result.renders),
      frameDelayP95Ms: percentile(result.frames, 95),
      batches: result.arrivals.length,
      batchesRendered: result.renders.length,
      devicesShown,
      durationMs,
    };
  } finally {
    await context.close();
    if (!options.browser) await browser.close();
  }
}
