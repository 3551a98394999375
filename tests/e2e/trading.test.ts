import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 10_000 };

// Situations 3, 4 and 7 end to end: a trader opens a live account in the cabinet while their manager
// watches the client list, the card and "Online now"; the simulated platform then logs the trader in and
// out of the terminal and lets the equity fall, and the manager sees each step without reloading.
describe.skipIf(!browserAvailable())('trading platform to the manager’s screen, in Chromium', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let sim: SimulatedTradingServer;
  let manager: Awaited<ReturnType<typeof createStaff>>;
  const system = { id: null, ip: null };

  // Shared by the steps, in order.
  let managerContext: BrowserContext;
  let listPage: Page;
  let cardPage: Page;
  let onlinePage: Page;
  let trader: Page;
  let clientId: string;
  let login: string;
  const name = `Budi Santoso ${randomBytes(2).toString('hex')}`;
  const email = `budi.${randomBytes(4).toString('hex')}@example.test`;

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    server = await startTestServer({ web: true, env: { SMTP_URL: smtp.url } });
    if (!(server.ctx.tradingPlatform instanceof SimulatedTradingServer))
      throw new Error('the browser scenario needs the built-in simulated trading server');
    sim = server.ctx.tradingPlatform;
    browser = await launchBrowser();
    // The assignment rule decides who looks after an Indonesian visitor: the only manager on the desk.
    const desk = await server.ctx.teams.create(system, { name: 'Desk ID', kind: 'sales', leadId: null });
    manager = await createStaff(server.ctx, 'sales_manager', { teamId: desk.id, name: 'Maya Manager' });
    await server.ctx.assignmentRules.createRule(system, {
      name: 'Indonesia',
      countries: ['ID'],
      languages: [],
      sources: [],
      teamId: desk.id,
      active: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  const fresh = async () => (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  async function pick(page: Page, testId: string, option: string) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  const wsOpen = (page: Page) => page.locator('[data-testid="ws-status"][data-state="open"]').waitFor(WAIT);
  /** The client's Online dot wherever it is drawn (list row, card header, "Online now" row). */
  const onlineDot = (page: Page) =>
    page.locator(`[data-testid="client-online"][data-online-slot="${clientId}"]`);
  const listRow = () => listPage.getByTestId('client-row').filter({ hasText: name });
  const onlineRow = () => onlinePage.locator(`[data-testid="online-row"][data-client-id="${clientId}"]`);

  it('a trader registers and confirms the email; the manager the rules chose has the list, the card and Online now open', async () => {
    managerContext = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    listPage = await managerContext.newPage();
    await listPage.goto(`${server.url}/login`);
    await listPage.getByTestId('login-email').fill(manager.email);
    await listPage.getByTestId('login-password').fill(manager.password);
    await listPage.getByTestId('login-submit').click();
    await listPage.getByTestId('main-nav').waitFor();
    await listPage.getByTestId('nav-clients').click();
    await listPage.getByTestId('clients-table').waitFor();
    await wsOpen(listPage);

    trader = await fresh();
    await trader.goto(`${server.url}/cabinet/register?utm_source=google`);
    await trader.getByTestId('cab-reg-name').fill(name);
    await trader.getByTestId('cab-reg-email').fill(email);
    await trader.getByTestId('cab-reg-phone').fill('+62 812 7777 3131');
    await pick(trader, 'cab-reg-country', 'Indonesia');
    await pick(trader, 'cab-reg-language', 'Indonesian');
    await trader.getByTestId('cab-reg-password').fill('trader-password-2026');
    await trader.getByTestId('cab-reg-terms').check();
    await trader.getByTestId('cab-reg-risk').check();
    await trader.getByTestId('cab-reg-submit').click();
    await trader.getByTestId('cab-dashboard').waitFor();

    // The confirmation link, as delivered over SMTP.
    const mail = await smtp.next(
      (m) => m.to.includes(email) && /\/cabinet\/confirm\?token=/.test(m.text),
      10_000,
    );
    const link = /http\S+\/cabinet\/confirm\?token=\S+/.exec(mail.text)![0];
    await trader.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await trader.getByTestId('cab-confirm-done').waitFor();
    await trader.getByTestId('cab-confirm-continue').click();
    await trader.getByTestId('cab-email-confirmed').waitFor();

    // The new client reached the manager's list live, as Demo.
    await listRow().waitFor(WAIT);
    clientId = (await listRow().getAttribute('data-client-id'))!;
    expect(clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await listRow().getByTestId('client-row-status').innerText()).toLowerCase()).toContain('demo');
    expect(await listRow().getByTestId('client-row-manager').innerText()).toContain('Maya Manager');

    cardPage = await managerContext.newPage();
    await cardPage.goto(`${server.url}/clients/${clientId}`);
    await cardPage.getByTestId('client-card').waitFor();
    await wsOpen(cardPage);
    expect((await cardPage.getByTestId('client-status').innerText()).toLowerCase()).toContain('demo');

    onlinePage = await managerContext.newPage();
    await onlinePage.goto(`${server.url}/online`);
    await onlinePage.getByTestId('page-online').waitFor();
    await wsOpen(onlinePage);
    expect(await onlineRow().count()).toBe(0);
  });

  it('the trader opens a live account: credentials shown once and emailed; the client turns Live on the manager’s screen', async () => {
    await trader.getByTestId('cab-nav-accounts').click();
    await trader.getByTestId('cab-accounts').waitFor();
    // With no account yet the empty state offers the same buttons again: take the page header's.
    await trader.getByTestId('cab-open-live').first().click();
    await trader.getByTestId('cab-open-submit').click();
    await trader.getByTestId('cab-credentials').waitFor(WAIT);
    login = (await trader.getByTestId('cab-credential-login').innerText()).trim();
    const password = (await trader.getByTestId('cab-credential-password').innerText()).trim();
    expect(login).toMatch(/^\d+$/);
    expect(password.length).toBeGreaterThanOrEqual(8);
    expect((await trader.getByTestId('cab-credential-server').innerText()).trim()).toBe('BrokerDesk-Live');
    await screenshot(trader, 'trading-cabinet-credentials');

    // Shown once: gone when the dialog closes, and not there after a reload either.
    await trader.getByTestId('cab-credentials-done').click();
    await trader.getByTestId('cab-credentials').waitFor({ state: 'detached', ...WAIT });
    const account = trader.locator(`[data-testid="cab-account"][data-login="${login}"]`);
    await account.waitFor(WAIT);
    expect((await account.getByTestId('cab-account-kind').innerText()).toLowerCase()).toContain('live');
    await trader.reload();
    await account.waitFor(WAIT);
    expect(await trader.getByTestId('cab-credentials').count()).toBe(0);
    expect(await trader.locator('body').innerText()).not.toContain(password);
    await screenshot(trader, 'trading-cabinet-accounts');

    // The one other copy went by email.
    const mail = await smtp.next((m) => m.to.includes(email) && m.subject.includes(login), 10_000);
    expect(mail.subject).toBe(`Your live trading account ${login}`);
    expect(mail.text).toContain(`Password: ${password}`);

    // The manager's list row and card header turn Live without a reload.
    await listRow().getByTestId('client-row-status').filter({ hasText: /live/i }).waitFor(WAIT);
    await cardPage.getByTestId('client-status').filter({ hasText: /live/i }).waitFor(WAIT);
    await cardPage.getByTestId('trading-account-tab').filter({ hasText: login }).waitFor(WAIT);
    await screenshot(listPage, 'trading-list-live');
  });

  it('funded and logged in to the terminal, the client shows Online without a reload; logging out clears it', async () => {
    await sim.balanceOperation(login, { id: 'dep-1', kind: 'deposit', amount: 10_000 });
    await sim.flush();
    await cardPage
      .getByTestId('trading-balance')
      .filter({ hasText: /10,000/ })
      .waitFor(WAIT);
    expect(await onlineDot(listPage).count()).toBe(0);
    expect(await onlineDot(cardPage).count()).toBe(0);

    sim.login(login, '203.0.113.7');
    await sim.flush();
    await onlineDot(listPage).waitFor(WAIT);
    await onlineDot(cardPage).waitFor(WAIT);
    await onlineRow().waitFor(WAIT);
    expect(await onlineRow().getByTestId('online-row-name').innerText()).toBe(name);
    await onlineDot(onlinePage).waitFor(WAIT);
    await screenshot(listPage, 'trading-list-online');
    await screenshot(onlinePage, 'trading-online-now');

    sim.logout(login);
    await sim.flush();
    await onlineDot(listPage).waitFor({ state: 'detached', ...WAIT });
    await onlineDot(cardPage).waitFor({ state: 'detached', ...WAIT });
    await onlineRow().waitFor({ state: 'detached', ...WAIT });
    // The row itself stays, only the dot went.
    expect(await listRow().count()).toBe(1);

    // Back in the terminal for the trading that follows.
    sim.login(login);
    await sim.flush();
    await onlineDot(cardPage).waitFor(WAIT);
  });

  it('the equity falls under the thresholds: the manager gets a live notification and the alert on the card', async () => {
    sim.freezePrices();
    const position = sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 4 });
    await sim.flush();
    await cardPage.getByTestId('trading-position-row').filter({ hasText: 'EURUSD' }).waitFor(WAIT);
    expect(await cardPage.getByTestId('trading-alerts').count()).toBe(0);

    // 4 lots × 100,000 × 0.018 = 7,200 lost: equity 2,800, under 30 % of the 10,000 deposited (Low
    // equity), and a margin level near 65 %: under the 100 % margin call, above the 50 % stop-out.
    // The chart refreshes at most every 15 s (realtime/liveUpdates.ts): its trailing refresh brings the drop.
    const chartCaughtUp = cardPage.waitForResponse(
      async (r) => /\/equity\?/.test(r.url()) && /"equity":"?2800(\.0+)?"?[,}]/.test(await r.text()),
      { timeout: 25_000 },
    );
    sim.setPrice('EURUSD', position.openPrice - 0.018);
    const state = await sim.readAccount(login);
    expect(state.equity).toBeCloseTo(2800, 0);
    expect(state.marginLevel).toBeGreaterThan(55);
    expect(state.marginLevel).toBeLessThan(100);
    await sim.flush();
    await server.ctx.tradingAlerts.evaluateDirty();

    // The toast (live notification), then the flag on the card with both conditions.
    await cardPage.getByText('Trading alert: Low equity').first().waitFor(WAIT);
    const strip = cardPage.getByTestId('trading-alerts');
    await strip.locator('[data-testid="trading-alert"][data-alert-kind="low_equity"]').waitFor(WAIT);
    await strip.locator('[data-testid="trading-alert"][data-alert-kind="margin_call"]').waitFor(WAIT);
    expect(await strip.innerText()).toContain(login);
    await cardPage.getByTestId('trading-alerts-badge').waitFor(WAIT);
    await cardPage.getByTestId('trading-equity').filter({ hasText: /2,800/ }).waitFor(WAIT);
    expect(await cardPage.getByTestId('trading-margin-level').innerText()).toMatch(/6\d\.\d+\s?%/);
    await screenshot(cardPage, 'trading-card-alert');

    // The alerts also reach "Online now", where the client is still listed.
    await onlineRow().getByTestId('online-row-alerts').filter({ hasText: '2' }).waitFor(WAIT);

    await chartCaughtUp;
    // Toasts gone (they close after 6 s), so the screenshots show the pages themselves.
    await onlinePage.getByText('Trading alert: Margin call').waitFor({ state: 'detached', ...WAIT });
    await screenshot(onlinePage, 'trading-online-now-alert');
    await cardPage.getByText('Trading alert: Margin call').waitFor({ state: 'detached', ...WAIT });
    await screenshot(cardPage, 'trading-card-chart');

    // Falling further: the same alerts, their figures current on the flag, and no new toast or task.
    sim.setPrice('EURUSD', position.openPrice - 0.0185); // equity 2,600
    await sim.flush();
    await server.ctx.tradingAlerts.evaluateDirty();
    await strip
      .locator('[data-testid="trading-alert"][data-alert-kind="low_equity"]')
      .filter({ hasText: /2,600/ })
      .waitFor(WAIT);
    expect(await strip.locator('[data-testid="trading-alert"]').count()).toBe(2);
    expect(await cardPage.getByText('Trading alert: Low equity').count()).toBe(0);
  });
});
