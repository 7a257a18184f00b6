import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SocketError } from '@fleet/contracts';
import { DEV_OPERATOR_TOKEN, DEV_VIEWER_TOKEN, startFleet, type Fleet } from '@fleet/fleet-runner';
import { startTestBroker, waitFor, type TestBroker } from '@fleet/test-support';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FleetClient } from './fleet-client';
import { launchChromium } from './support/browser';

jest.setTimeout(60_000);

const STEP_MS = 800;
const OUTPUT = path.resolve(__dirname, '..', '..', '..', 'test-output', 'ui');

describe('ui - the operator page in headless Chromium against the real fleet', () => {
  let broker: TestBroker;
  let fleet: Fleet;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function openPage(width = 1440, height = 900): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height } });
    contexts.push(context);
    return context.newPage();
  }

  async function login(page: Page, token: string): Promise<void> {
    await page.goto(fleet.gatewayUrl);
    await page.getByTestId('login-token').fill(token);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('connection-status').and(page.locator('[data-status="connected"]')).waitFor();
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(OUTPUT, `${name}.png`), fullPage: false });
  const stateOf = (page: Page, deviceId: string) => page.getByTestId(`device-state-${deviceId}`).getAttribute('data-state');
  const detailState = (page: Page) => page.getByTestId('detail-state').getAttribute('data-state');

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    broker = await startTestBroker({ devices: ['camera-1', 'camera-2', 'stage-1'] });
    fleet = await startFleet({ natsUrl: broker.url, credentials: broker.credentials, cameras: 2, stages: 1, gatewayPort: 0, stepMs: STEP_MS, searchPath: process.env.PATH });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fleet?.stop();
    await broker?.stop();
  });

  it('logs in and shows every device', async () => {
    const page = await openPage();
    await page.goto(fleet.gatewayUrl);
    await shot(page, '01-login');
    await login(page, DEV_OPERATOR_TOKEN);
    for (const { deviceId } of fleet.devices) {
      await page.getByTestId(`device-tile-${deviceId}`).waitFor();
      await waitFor(`${deviceId} out of Offline`, async () => !['Offline', 'Unknown', null].includes(await stateOf(page, deviceId)), { timeoutMs: 15_000 });
    }
    expect(await page.getByTestId('count-total').textContent()).toContain(String(fleet.devices.length));
    expect(await page.getByTestId('session-user').getAttribute('data-role')).toBe('operator');
    await shot(page, '02-overview');
  });

  it('exposes and stops a camera by clicking; its state and trend update', async () => {
    const page = await openPage();
    await login(page, DEV_OPERATOR_TOKEN);
    await page.getByTestId('device-tile-camera-1').click();
    await waitFor('camera-1 Idle', async () => (await detailState(page)) === 'Idle', { timeoutMs: 15_000 });
    await page.getByTestId('command-start').click();
    await waitFor('Exposing', async () => (await detailState(page)) === 'Exposing');
    const chart = page.getByTestId('trend-chart');
    const first = await waitFor('a first exposing time on the trend', async () => {
      const last = Number((await chart.getAttribute('data-last')) ?? '');
      return last > 0 ? last : undefined;
    });
    const later = await waitFor('the trend to grow', async () => {
      const last = Number((await chart.getAttribute('data-last')) ?? '');
      return last >= first + 0.5 ? last : undefined;
    });
    expect(later).toBeGreaterThan(first);
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(5);
    expect(await page.getByTestId('reading-exposingTime').textContent()).toMatch(/\d+(\.\d+)? s/);
    expect(await page.getByTestId('command-start').isDisabled()).toBe(true);
    await shot(page, '03-camera-exposing');
    await page.getByTestId('command-stop').click();
    await waitFor('SavingImages', async () => (await detailState(page)) === 'SavingImages');
    await waitFor('Idle again', async () => (await detailState(page)) === 'Idle', { timeoutMs: STEP_MS + 5000 });
    expect(await page.getByTestId('command-result').getAttribute('data-outcome')).toBe('accepted');
  });

  it('shows a viewer no enabled controls, and a forced command is refused', async () => {
    const page = await openPage();
    await login(page, DEV_VIEWER_TOKEN);
    await page.getByTestId('device-tile-stage-1').click();
    await page.getByTestId('viewer-note').waitFor();
    const buttons = page.locator('[data-testid="device-detail"] button[data-testid^="command-"]');
    expect(await buttons.count()).toBeGreaterThan(0);
    for (const button of await buttons.all()) expect(await button.isDisabled()).toBe(true);
    expect(await page.locator('[data-testid^="alarm-ack-"]').count()).toBe(0);
    await shot(page, '04-viewer');

    const viewer = new FleetClient(fleet.gatewayUrl, DEV_VIEWER_TOKEN);
    try {
      await waitFor('viewer connected', () => viewer.socket.connected);
      const before = viewer.stateOf('stage-1');
      await expect(viewer.command({ deviceId: 'stage-1', command: 'home' })).resolves.toEqual({ error: SocketError.forbidden });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(viewer.stateOf('stage-1')).toBe(before);
    } finally {
      viewer.close();
    }
  });

  it('raises an alarm when an agent dies, and an operator acknowledges it', async () => {
    const page = await openPage();
    await login(page, DEV_OPERATOR_TOKEN);
    const victim = fleet.devices.find((d) => d.deviceId === 'camera-2');
    if (!victim) throw new Error('camera-2 expected');
    await victim.agent.kill();
    try {
      await waitFor('camera-2 stale', async () => (await page.getByTestId('device-tile-camera-2').getAttribute('data-stale')) === 'true', { timeoutMs: 5000 });
      await waitFor('camera-2 Offline', async () => (await stateOf(page, 'camera-2')) === 'Offline', { timeoutMs: 5000 });
      await shot(page, '05-agent-killed');
      const alarm = page.locator('[data-testid^="alarm-"][data-device="camera-2"][data-acknowledged="false"]').first();
      await alarm.waitFor({ timeout: 10_000 });
      await page.getByTestId('critical-banner').waitFor();
      await shot(page, '06-alarm-raised');
      await alarm.locator('button[data-testid^="alarm-ack-"]').click();
      await page.locator('[data-testid^="alarm-"][data-device="camera-2"][data-acknowledged="true"]').first().waitFor({ timeout: 10_000 });
      await waitFor('no unacknowledged critical alarm left for camera-2', async () => (await page.getByTestId('critical-banner').count()) === 0, { timeoutMs: 5000 });
      await shot(page, '07-alarm-acknowledged');
    } finally {
      await victim.agent.restart();
    }
    await waitFor('camera-2 back', async () => !['Offline', null].includes(await stateOf(page, 'camera-2')), { timeoutMs: 15_000 });
  });

  it('reconnects by itself after a gateway restart and shows a fresh snapshot', async () => {
    const page = await openPage(390, 844);
    await login(page, DEV_OPERATOR_TOKEN);
    await page.getByTestId('device-tile-stage-1').waitFor();
    await fleet.gateway.stop();
    await waitFor('the page to notice', async () => (await page.getByTestId('connection-status').getAttribute('data-status')) === 'reconnecting', { timeoutMs: 15_000 });
    await page.getByTestId('connection-lost').waitFor({ timeout: 5000 });
    await waitFor('tiles marked stale while disconnected', async () => (await page.getByTestId('device-tile-stage-1').getAttribute('data-stale')) === 'true');
    await shot(page, '08-phone-disconnected');
    await fleet.gateway.restart();
    await page.locator('[data-testid="connection-status"][data-status="connected"]').waitFor({ timeout: 20_000 });
    await waitFor('fresh data after reconnect', async () => (await page.getByTestId('device-tile-stage-1').getAttribute('data-stale')) === 'false', { timeoutMs: 10_000 });
    expect(await page.getByTestId('count-total').textContent()).toContain(String(fleet.devices.length));
    expect(await page.getByTestId('connection-lost').count()).toBe(0);
    await shot(page, '09-phone-reconnected');
  });
});
