import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEV_OPERATOR_TOKEN, startFleet, type Fleet } from '@fleet/fleet-runner';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium } from './support/browser';

jest.setTimeout(90_000);

const OUTPUT = path.resolve(__dirname, '..', '..', '..', 'test-output', 'ui');
const DEVICES = ['camera-1', 'camera-2', 'camera-3'];

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string): number => {
    const [r = 0, g = 0, bl = 0] = (css.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

/**
 * The text colour of the first element `selector` matches, and the background it is drawn on (its
 * own, else the nearest ancestor's that is not transparent), read in the page (a string: this
 * package has no DOM types).
 */
const coloursScript = (selector: string): string => `(() => {
  const el = document.querySelector(${JSON.stringify(selector)});
  if (!el) return null;
  let node = el;
  let background = 'rgb(0, 0, 0)';
  while (node) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg && bg !== 'transparent' && !bg.startsWith('rgba(0, 0, 0, 0)')) { background = bg; break; }
    node = node.parentElement;
  }
  return { color: getComputedStyle(el).color, background, border: getComputedStyle(el).borderLeftColor };
})()`;

interface Colours {
  color: string;
  background: string;
  border: string;
}

const isColours = (v: unknown): v is Colours =>
  typeof v === 'object' && v !== null && 'color' in v && typeof v.color === 'string' && 'background' in v && typeof v.background === 'string' && 'border' in v && typeof v.border === 'string';

async function colours(page: Page, selector: string): Promise<Colours> {
  const raw: unknown = await page.evaluate(coloursScript(selector));
  if (!isColours(raw)) throw new Error(`no element ${selector}`);
  return raw;
}

describe('ui - alarms in headless Chromium against the real fleet', () => {
  let broker: TestBroker;
  let fleet: Fleet;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    broker = await startTestBroker({ devices: DEVICES });
    fleet = await startFleet({ natsUrl: broker.url, credentials: broker.credentials, cameras: DEVICES.length, stages: 0, gatewayPort: 0, searchPath: process.env.PATH });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await fleet?.stop();
    await broker?.stop();
  });

  async function operatorPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    await page.goto(fleet.gatewayUrl);
    await page.getByTestId('login-token').fill(DEV_OPERATOR_TOKEN);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('connection-status').and(page.locator('[data-status="connected"]')).waitFor();
    return page;
  }

  const row = (page: Page, deviceId: string): Locator => page.locator(`li[data-testid^="alarm-"][data-device="${deviceId}"]`).first();

  it('alarms - an operator acknowledges all visible alarms with one comment, then shelves one for an hour with a reason; rows stay readable', async () => {
    const page = await operatorPage();
    const victims = fleet.devices.filter((d) => d.deviceId !== 'camera-3');
    for (const d of DEVICES) await waitFor(`${d} online`, async () => (await page.getByTestId(`device-state-${d}`).getAttribute('data-state')) === 'Idle', { timeoutMs: 20_000 });
    await Promise.all(victims.map((d) => d.agent.kill()));
    try {
      for (const d of victims) await row(page, d.deviceId).and(page.locator('[data-acknowledged="false"]')).waitFor({ timeout: 10_000 });
      const banner = page.getByTestId('critical-banner');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('2 critical need action');
      const bannerColours = await colours(page, '[data-testid="critical-banner"]');
      expect(contrast(bannerColours.color, bannerColours.background)).toBeGreaterThanOrEqual(4.5);

      // Severity is on the badge and the border; every text of the row keeps 4.5:1.
      const rowSelector = 'li[data-testid^="alarm-"][data-device="camera-1"]';
      for (const part of ['.severity', '.alarm-device', '.alarm-time', '.alarm-message', '.alarm-state']) {
        const { color, background } = await colours(page, `${rowSelector} ${part}`);
        expect({ part, ratio: contrast(color, background) >= 4.5 }).toEqual({ part, ratio: true });
      }
      const rowColours = await colours(page, rowSelector);
      expect(rowColours.border).not.toBe(rowColours.background);
      // The row itself is the neutral panel colour (#1c232d), not painted red.
      expect(rowColours.background).toBe('rgb(28, 35, 45)');
      await page.screenshot({ path: path.join(OUTPUT, '20-alarms-raised.png') });

      await page.getByTestId('ack-comment').fill('agents restarted by the night shift');
      expect(await page.getByTestId('ack-all-visible').textContent()).toContain('(2)');
      await page.getByTestId('ack-all-visible').click();
      for (const d of victims) await row(page, d.deviceId).and(page.locator('[data-acknowledged="true"]')).waitFor({ timeout: 10_000 });
      expect(await row(page, 'camera-2').getByTestId('alarm-acked-by').textContent()).toBe('ack by operator: agents restarted by the night shift');
      await waitFor('banner gone', async () => (await banner.count()) === 0, { timeoutMs: 5000 });
      await waitFor('both acknowledgements in the event log with the user and the comment', async () =>
        (await page.getByText(/alarm acknowledged by operator \(agents restarted by the night shift\)/).count()) >= 2,
      );

      // The device detail keeps the alarm's history: raised, then acknowledged with who and why.
      await page.getByTestId('device-tile-camera-2').click();
      const history = page.getByTestId('device-detail').getByTestId('alarm-history');
      const acked = history.locator('[data-testid="alarm-history-row"][data-action="acknowledged"]');
      await acked.waitFor({ timeout: 10_000 });
      expect(await acked.count()).toBe(1);
      expect((await acked.getByTestId('alarm-history-detail').textContent())?.trim()).toBe('by operator: agents restarted by the night shift');
      expect(await acked.textContent()).toContain('Acknowledged');
      expect(await history.locator('[data-testid="alarm-history-row"][data-action="raised"]').count()).toBeGreaterThanOrEqual(1);
      // Only this device's events: camera-1's acknowledgement is not in camera-2's history.
      expect(await history.getByText('camera-1').count()).toBe(0);
      await page.screenshot({ path: path.join(OUTPUT, '22-alarm-history.png') });
      await page.getByTestId('detail-close').click();

      const alarm = row(page, 'camera-1');
      const id = ((await alarm.getAttribute('data-testid')) ?? '').replace(/^alarm-/, '');
      await page.getByTestId(`alarm-shelve-${id}`).click();
      const form = page.getByTestId(`shelve-form-${id}`);
      expect(await form.getByTestId('shelve-submit').isDisabled()).toBe(true);
      await form.getByTestId('shelve-reason').fill('camera-1 rack rewired until tomorrow');
      await form.getByTestId('shelve-duration').selectOption({ label: '1 h' });
      await form.getByTestId('shelve-submit').click();
      await alarm.and(page.locator('[data-shelved="true"]')).waitFor({ timeout: 10_000 });
      expect(await alarm.getByTestId('alarm-shelved').textContent()).toMatch(/^Shelved by operator until .+: camera-1 rack rewired until tomorrow$/);
      await page.getByTestId('alarm-filter-state').selectOption('shelved');
      expect(await page.locator('li[data-testid^="alarm-"][data-device]').count()).toBe(1);
      await page.screenshot({ path: path.join(OUTPUT, '21-alarm-shelved.png') });
      await page.getByTestId('alarm-filter-state').selectOption('all');
      await page.getByTestId(`alarm-shelve-${id}`).waitFor({ state: 'detached' });
      await page.getByTestId(`alarm-unshelve-${id}`).click();
      await alarm.and(page.locator('[data-shelved="false"]')).waitFor({ timeout: 10_000 });
    } finally {
      await Promise.all(victims.map((d) => d.agent.restart()));
    }
  });
});
