import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../../src/app/demo-seed.js';
import { createStaff, startTestServer, totpNow, type TestServer } from '../support/server.js';
import { customerSays, openConversation } from '../integration/support-conversations.fixtures.js';
import { describeViolations, seriousViolations } from './axe.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 20_000 };
const DAY_MS = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

// Issue 14 end to end, in Chromium, on the demo install: the three dashboards render from the rollups,
// a number drills down to its records and on to a client's card, the CSV export downloads, and the
// wallboard counts a chat the moment it arrives (a realtime event, before its 15 s refetch).
describe.skipIf(!browserAvailable())('reports on the demo data, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let admin: Awaited<ReturnType<typeof createStaff>>;

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    expect(await seedDemo(server.ctx)).toBe(true);
    // The rollup job folds the demo's events within a second or two.
    for (let i = 0; i < 100 && (await server.ctx.reports.rollups.status()).facts === 0; i++)
      await new Promise((r) => setTimeout(r, 200));
    admin = await createStaff(server.ctx, 'admin', { name: 'Ada Admin' });
    browser = await launchBrowser();
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('mfa-qr').waitFor(WAIT);
    const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    await page.getByTestId('enrol-code').fill(totpNow(secret, server.clock));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('recovery-continue').click();
    await page.getByTestId('main-nav').waitFor(WAIT);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const range = `from=${isoDay(Date.now() - 89 * DAY_MS)}&to=${isoDay(Date.now())}&compare=previous`;

  it('renders the sales, support and retention dashboards with the demo data', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByTestId('reports-page').waitFor(WAIT);
    await page.goto(`${server.url}/reports/sales?${range}`);
    await page.getByTestId('sales-dashboard').waitFor(WAIT);
    const leads = await page.getByTestId('figure-leads').innerText();
    expect(Number(leads.replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.getByTestId('funnel-lead').waitFor(WAIT);
    const sales = await seriousViolations(page);
    expect(sales, describeViolations('sales dashboard', sales)).toEqual([]);
    await screenshot(page, 'reports-sales');

    await page.getByTestId('reports-tab-support').click();
    await page.getByTestId('support-dashboard').waitFor(WAIT);
    await page.getByTestId('heatmap').waitFor(WAIT);
    expect(page.url()).toContain('from='); // the period follows the tab
    await screenshot(page, 'reports-support');

    await page.getByTestId('reports-tab-retention').click();
    await page.getByTestId('report-loaded').waitFor(WAIT);
    await screenshot(page, 'reports-retention');
  });

  it('drills a number down to its records and on to the client, and downloads the CSV', async () => {
    await page.goto(`${server.url}/reports/sales?${range}`);
    await page.getByTestId('drill-leads').click();
    const drawer = page.getByTestId('drill-drawer');
    await drawer.getByTestId('drill-row').first().waitFor(WAIT);
    expect(Number((await drawer.getByTestId('drill-total').innerText()).replace(/\D/g, ''))).toBeGreaterThan(
      0,
    );
    await screenshot(page, 'reports-drill');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByTestId('drill-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\n')[0]).toMatch(/clientName/i);
    expect(csv.trim().split('\n').length).toBeGreaterThan(1);

    const name = await drawer.getByTestId('drill-row').first().getByRole('link').innerText();
    await drawer.getByTestId('drill-row').first().getByRole('link').click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}/, WAIT);
    await page.getByText(name).first().waitFor(WAIT);

    await page.goto(`${server.url}/reports/sales?${range}`);
    await page.getByTestId('sales-dashboard').waitFor(WAIT);
    const [dashboardCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('report-export').click(),
    ]);
    expect(dashboardCsv.suggestedFilename()).toMatch(/sales.*\.csv$/);
  });

  it('the wallboard counts a chat as soon as it arrives', async () => {
    await page.goto(`${server.url}/reports/wallboard`);
    await page.getByTestId('wallboard-loaded').waitFor(WAIT);
    await expect
      .poll(async () => (await page.getByTestId('wallboard-live').textContent())?.trim(), WAIT)
      .toBe('Live');
    const waiting = async () =>
      Number((await page.getByTestId('wallboard-waiting').innerText()).replace(/\D/g, ''));
    const before = await waiting();
    const a11y = await seriousViolations(page);
    expect(a11y, describeViolations('wallboard', a11y)).toEqual([]);

    // A visitor starts a chat (the service the widget's socket calls) and writes.
    const conv = await openConversation(server, { language: 'en', subject: 'Wallboard chat' });
    await customerSays(server, conv.id, 'Hello, is anyone there?');
    // Well inside the 15 s refetch: it came with the event.
    await expect.poll(waiting, { timeout: 8_000 }).toBe(before + 1);
    await screenshot(page, 'reports-wallboard');
  });
});
