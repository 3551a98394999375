import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mailOutbox } from '../../src/core/schema.js';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import {
  ApiClient,
  createStaff,
  signedInAdmin,
  startTestServer,
  type TestServer,
} from '../support/server.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 20_000 };

// Issue 10 end to end, in Chromium: a card deposit through the simulated provider's hosted page (credited
// once, FTD on the card, the manager told live); a manual bank wire rejected by finance with a reason
// (the trader sees it in the cabinet, the email is in the outbox); a withdrawal above the two-person
// threshold that one finance user cannot finish alone.
describe.skipIf(!browserAvailable())('payments from the cabinet to the finance queue, in Chromium', () => {
  let server: TestServer;
  let relay: Server;
  let adminApi: ApiClient;
  let base = '';
  let browser: Browser;
  let sim: SimulatedTradingServer;
  let manager: Awaited<ReturnType<typeof createStaff>>;
  let financeA: Awaited<ReturnType<typeof createStaff>>;
  let financeB: Awaited<ReturnType<typeof createStaff>>;
  let trader: Page;
  let managerCard: Page;
  let clientId = '';
  let login = '';
  const email = `pay.${randomBytes(4).toString('hex')}@example.test`;
  const password = 'trader-password-2026';
  const name = `Dewi Lestari ${randomBytes(2).toString('hex')}`;
  const system = { id: null, ip: null };

  beforeAll(async () => {
    // The server builds the provider's page, return and callback addresses from its base URL, and a test
    // server listens on a random port: a plain TCP relay on a port chosen first is that base URL, so the
    // browser and the simulated provider's callbacks take the same way as in production.
    let upstream = 0;
    relay = createServer((socket) => {
      const target = connect(upstream, '127.0.0.1');
      socket.pipe(target).pipe(socket);
      socket.on('error', () => target.destroy());
      target.on('error', () => socket.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
    server = await startTestServer({ web: true, env: { BASE_URL: base } });
    upstream = Number(new URL(server.url).port);
    if (!(server.ctx.tradingPlatform instanceof SimulatedTradingServer))
      throw new Error('needs the built-in simulated trading platform');
    sim = server.ctx.tradingPlatform;
    browser = await launchBrowser();
    const desk = await server.ctx.teams.create(system, { name: 'Desk ID', kind: 'sales', leadId: null });
    manager = await createStaff(server.ctx, 'sales_manager', { teamId: desk.id, name: 'Maya Manager' });
    financeA = await createStaff(server.ctx, 'finance', { name: 'Fajar Finance' });
    financeB = await createStaff(server.ctx, 'finance', { name: 'Fitri Finance' });
    // The assignment rules give an Indonesian trader to the only manager on the desk.
    await server.ctx.assignmentRules.createRule(system, {
      name: 'Indonesia',
      countries: ['ID'],
      languages: [],
      sources: [],
      teamId: desk.id,
      active: true,
    });

    // The two systems traders in Indonesia see for a USD account: a manual bank wire and the card provider.
    ({ api: adminApi } = await signedInAdmin(server));
    const api = adminApi;
    for (const input of [
      {
        name: 'Bank wire (BCA)',
        kind: 'manual',
        method: 'bank_wire',
        provider: null,
        currencies: ['USD'],
        countries: ['ID'],
        minAmount: 1_000,
        maxAmount: 10_000_000,
        sortOrder: 1,
        instructions: { en: 'Bank BCA, account 123-456-789, PT BrokerDesk' },
        directions: ['deposit', 'withdrawal'],
      },
      {
        name: 'Card',
        kind: 'automatic',
        method: 'card',
        provider: 'sim',
        currencies: ['USD'],
        countries: [],
        minAmount: 1_000,
        maxAmount: null,
        sortOrder: 2,
        directions: ['deposit'],
      },
    ]) {
      const res = await api.call('POST', '/api/payments/systems', input);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }

    const registered = await server.ctx.cabinet.register(
      {
        name,
        email,
        phone: '+62 812 4444 2020',
        country: 'ID',
        language: 'en',
        password,
        acceptTerms: true,
        acceptRisk: true,
      },
      { ip: null, userAgent: null },
    );
    clientId = registered.client.id;
    const admin = await createStaff(server.ctx, 'admin');
    const viewer = (await server.ctx.staff.viewerOf(admin.id))!;
    const opened = await server.ctx.tradingAccounts.open(
      { kind: 'staff', viewer, actor: { id: admin.id, ip: null } },
      clientId,
      { kind: 'live', currency: 'USD', leverage: 100 },
    );
    login = opened.account.login;

    const context = await browser.newContext({ viewport: { width: 1300, height: 900 } });
    const res = await context.request.post(`${base}/api/portal/login`, { data: { email, password } });
    expect(res.status()).toBe(200);
    trader = await context.newPage();
  });
  // A failed step leaves a picture of the trader's page behind (test-results/screenshots).
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && trader) await screenshot(trader, `payments-failed-${task.id}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    relay?.close();
  });

  async function staffPage(user: { email: string; password: string }, path: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(`${base}/login`);
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-nav').waitFor();
    await page.goto(`${base}${path}`);
    await page.locator('[data-testid="ws-status"][data-state="open"]').waitFor(WAIT);
    return page;
  }
  async function pick(page: Page, testId: string, option: string | RegExp) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option }).first().click();
  }
  /** Fills the cabinet's deposit or withdrawal form up to the amount. */
  async function fillPayment(prefix: 'cab-deposit' | 'cab-withdraw', systemName: string, amount: string) {
    await pick(trader, `${prefix}-account`, new RegExp(login));
    await trader.locator(`[data-testid="${prefix}-system"][data-system-name="${systemName}"]`).check();
    await trader.getByTestId(`${prefix}-amount`).fill(amount);
  }
  const queueRow = (page: Page, requestId: string) =>
    page.locator(`[data-testid="payment-row"][data-request-id="${requestId}"]`);
  /** Unread notifications on the bell (the counter is not drawn at zero). */
  const unread = async (page: Page) => {
    const counter = page.getByTestId('notification-count');
    return (await counter.count()) ? Number(await counter.innerText()) : 0;
  };
  const balance = () => sim.account(login)?.balance ?? NaN;
  const ownRequests = async () => {
    const res = await trader.context().request.get(`${base}/api/portal/payments`);
    return ((await res.json()) as { items: { id: string; status: string; systemName: string }[] }).items;
  };

  it('a card deposit through the provider’s page credits the account once; the manager sees the FTD live', async () => {
    managerCard = await staffPage(manager, `/clients/${clientId}`);
    await managerCard.getByTestId('payments-panel').waitFor(WAIT);
    expect(await managerCard.getByTestId('client-ftd').count()).toBe(0);
    const unreadBefore = await unread(managerCard);

    await trader.goto(`${base}/cabinet/deposit`);
    await trader.getByTestId('cab-deposit').waitFor();
    await fillPayment('cab-deposit', 'Card', '500');
    await screenshot(trader, 'payments-cabinet-deposit');
    await trader.getByTestId('cab-deposit-submit').click();

    // The simulated provider's hosted page, then back to the cabinet.
    await trader.getByRole('button', { name: 'Use this card: Pays', exact: true }).click(WAIT);
    await trader.getByTestId('cab-payments').waitFor(WAIT);
    expect(new URL(trader.url()).pathname).toBe('/cabinet/payments');
    const executed = trader.locator('[data-testid="cab-payment-row"][data-status="executed"]');
    await executed.first().waitFor(WAIT);
    await screenshot(trader, 'payments-cabinet-after-card');

    // Credited once: the platform balance is the deposit, however many callbacks the provider sent.
    await expect.poll(balance, WAIT).toBe(500);
    const [deposit] = await ownRequests();
    const finance = await signedInFinance();
    const detail = await finance.call('GET', `/api/payments/requests/${deposit!.id}`);
    expect(detail.body.ledger.filter((e: { entry: string }) => e.entry === 'deposit')).toHaveLength(1);

    // The manager's open card shows the FTD without a reload, and the bell counts the news.
    await managerCard.getByTestId('client-ftd').waitFor(WAIT);
    expect(await managerCard.getByTestId('client-net-deposits').innerText()).toContain('500.00');
    await expect.poll(() => unread(managerCard), WAIT).toBeGreaterThan(unreadBefore);
    await screenshot(managerCard, 'payments-card-ftd');
    expect(balance()).toBe(500);
  });

  it('a manual bank wire rejected by finance with a reason: the trader sees it and gets the email', async () => {
    await trader.goto(`${base}/cabinet/deposit`);
    await fillPayment('cab-deposit', 'Bank wire (BCA)', '250');
    await trader.getByTestId('cab-deposit-submit').click();
    await trader.getByTestId('cab-deposit-instructions').waitFor(WAIT);
    const reference = (await trader.getByTestId('cab-deposit-reference').innerText()).trim();
    expect(reference.length).toBeGreaterThan(3);
    expect(await trader.getByTestId('cab-deposit-instructions-text').innerText()).toContain('123-456-789');
    await screenshot(trader, 'payments-cabinet-wire-instructions');
    const wire = (await ownRequests()).find(
      (r) => r.systemName === 'Bank wire (BCA)' && r.status === 'pending',
    );
    expect(wire).toBeDefined();

    // Finance finds it in the queue (it arrived live) and rejects it with a reason and a note.
    const queue = await staffPage(financeA, '/payments');
    const row = queueRow(queue, wire!.id);
    await row.waitFor(WAIT);
    await row.getByTestId('payment-reject').click();
    await pick(queue, 'payment-reject-reason', 'Reference missing or wrong');
    const note = `Quote ${reference} with the transfer`;
    await queue.getByTestId('payment-reject-note').fill(note);
    await screenshot(queue, 'payments-queue-reject');
    await queue.getByTestId('payment-reject-submit').click();
    await queue.getByTestId('payment-reject-form').waitFor({ state: 'detached', ...WAIT });
    // Gone from the default (open) view.
    await row.waitFor({ state: 'detached', ...WAIT });

    await trader.goto(`${base}/cabinet/payments`);
    const rejected = trader.locator(`[data-testid="cab-payment-row"][data-request-id="${wire!.id}"]`);
    await rejected.waitFor(WAIT);
    expect(await rejected.getAttribute('data-status')).toBe('rejected');
    const reason = await rejected.getByTestId('cab-payment-reason').innerText();
    expect(reason).toContain('Reference missing or wrong');
    expect(reason).toContain(note);
    await screenshot(trader, 'payments-cabinet-rejected');

    await expect
      .poll(async () => {
        const mails = await server.ctx.database.db
          .select()
          .from(mailOutbox)
          .where(eq(mailOutbox.to, email))
          .orderBy(desc(mailOutbox.createdAt));
        return mails.some((m) => server.ctx.mailer.unseal(m.text).includes(note));
      }, WAIT)
      .toBe(true);
    expect(balance()).toBe(500); // a rejected wire moves nothing
    await queue.context().close();
  });

  it('a withdrawal above the two-person threshold needs a second finance user', async () => {
    // Compliance has verified the trader (withdrawals need it), and there is money beyond the threshold.
    const verified = await adminApi.call('PUT', `/api/clients/${clientId}/verification`, { verified: true });
    expect(verified.status).toBe(204);
    await sim.balanceOperation(login, { id: 'e2e-topup', kind: 'deposit', amount: 20_000 });
    await sim.flush();
    await trader.goto(`${base}/cabinet/withdraw`);
    await fillPayment('cab-withdraw', 'Bank wire (BCA)', '12000');
    await trader.getByTestId('cab-withdraw-beneficiary').fill(name);
    await trader.getByTestId('cab-withdraw-destination').fill('ID12 BCA0 1234 5678 90');
    await trader.getByTestId('cab-withdraw-submit').click();
    await trader.getByTestId('cab-withdraw-done').waitFor(WAIT);
    const request = (await ownRequests()).find((r) => r.status === 'requested');
    expect(request).toBeDefined();

    const first = await staffPage(financeA, '/payments');
    const row = queueRow(first, request!.id);
    await row.waitFor(WAIT);
    await row.getByTestId('payment-approve').click();
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('approved_once');
    // The same person cannot give the second approval.
    await row.getByTestId('payment-approve').click();
    await first
      .locator('.mantine-Notification-root')
      .filter({ hasText: 'second finance user' })
      .waitFor(WAIT);
    expect(await row.getAttribute('data-status')).toBe('approved_once');
    await screenshot(first, 'payments-queue-first-approval');

    const second = await staffPage(financeB, '/payments');
    const row2 = queueRow(second, request!.id);
    await row2.waitFor(WAIT);
    await row2.getByTestId('payment-approve').click();
    await expect.poll(() => row2.getAttribute('data-status'), WAIT).toBe('approved');
    // The first finance user's queue follows live.
    await expect.poll(() => row.getAttribute('data-status'), WAIT).toBe('approved');
    await row2.getByTestId('payment-execute').click();
    await row2.waitFor({ state: 'detached', ...WAIT });

    await trader.goto(`${base}/cabinet/payments`);
    const paid = trader.locator(`[data-testid="cab-payment-row"][data-request-id="${request!.id}"]`);
    await expect.poll(() => paid.getAttribute('data-status'), WAIT).toBe('paid');
    expect(balance()).toBe(500 + 20_000 - 12_000);
    await first.context().close();
    await second.context().close();
  });

  async function signedInFinance() {
    const api = new ApiClient(server.app);
    const res = await api.login(financeB.email, financeB.password);
    expect(res.body?.status).toBe('ok');
    return api;
  }
});
