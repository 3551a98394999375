import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SimulatedTradingServer } from '../../src/integrations/trading/simulator/sim-server.js';
import { createStaff, startTestServer, totpNow, type TestServer } from '../support/server.js';
import { describeViolations, seriousViolations } from './axe.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

// WCAG 2.1 AA (axe-core) on every main page, in both themes and in Arabic. A new page joins this list
// (docs/web.md): each entry is a path and what shows that the page has finished loading.
interface Visit {
  name: string;
  path: string;
  ready: string;
}

const PUBLIC: Visit[] = [
  { name: 'staff sign-in', path: '/login', ready: 'login-email' },
  { name: 'cabinet registration', path: '/cabinet/register', ready: 'cab-reg-name' },
  { name: 'cabinet sign-in', path: '/cabinet/login', ready: 'cab-login-email' },
  { name: 'cabinet password reset', path: '/cabinet/forgot', ready: 'cab-forgot' },
];
const TRADER: Visit[] = [
  { name: 'cabinet dashboard', path: '/cabinet', ready: 'cab-dashboard' },
  { name: 'cabinet accounts', path: '/cabinet/accounts', ready: 'cab-account' },
  { name: 'cabinet profile', path: '/cabinet/profile', ready: 'cab-profile' },
  // Payments (pay-web).
  { name: 'cabinet deposit', path: '/cabinet/deposit', ready: 'cab-deposit-form' },
  { name: 'cabinet withdraw', path: '/cabinet/withdraw', ready: 'cab-withdraw-form' },
  { name: 'cabinet payments', path: '/cabinet/payments', ready: 'cab-payments' },
  // Complaints.
  { name: 'cabinet complaints', path: '/cabinet/complaints', ready: 'cab-complaint-form' },
];
const ADMIN_TABS = [
  'staff',
  'teams',
  'roles',
  'audit',
  'security',
  'outbox',
  'assignment',
  'sales-statuses',
  'trading-alerts',
  'payment-systems',
  'report-digest',
];

const STAFF: Visit[] = [
  { name: 'client list', path: '/clients', ready: 'client-row' },
  { name: 'client card', path: '/clients/:client', ready: 'trading-position-row' },
  { name: 'Online now', path: '/online', ready: 'online-row' },
  { name: 'profile', path: '/profile', ready: 'page-profile' },
  // Payments (pay-web).
  { name: 'finance queue', path: '/payments', ready: 'page-payments' },
  { name: 'reconciliation', path: '/payments/reconciliation', ready: 'page-reconciliation' },
  { name: 'FX rates', path: '/payments/rates', ready: 'page-fx-rates' },
  // Support desk (support-web): the inbox with a conversation open.
  { name: 'support inbox', path: '/support?view=all&c=:conversation', ready: 'message' },
  { name: 'support canned responses', path: '/support/settings/canned', ready: 'support-settings-canned' },
  { name: 'support agents', path: '/support/settings/agents', ready: 'agent-row' },
  { name: 'support SLA policies', path: '/support/settings/sla', ready: 'sla-row' },
  {
    name: 'support team calendars',
    path: '/support/settings/calendars',
    ready: 'support-settings-calendars',
  },
  // Complaints: the register (complaints.register).
  { name: 'complaint register', path: '/complaints', ready: 'complaints-table' },
  // Knowledge base (issue 12); the public help centre's pages are checked in help-centre.test.ts.
  { name: 'knowledge base', path: '/knowledge', ready: 'knowledge-page' },
  { name: 'support FAQ bot', path: '/support/settings/bot', ready: 'bot-threshold' },
  // NPS campaigns and proactive follow-ups.
  { name: 'NPS surveys', path: '/surveys', ready: 'surveys-page' },
  // Reports (issue 14): the three dashboards and the support floor's wallboard.
  { name: 'reports: sales', path: '/reports/sales', ready: 'report-loaded' },
  { name: 'reports: support', path: '/reports/support', ready: 'report-loaded' },
  { name: 'reports: retention', path: '/reports/retention', ready: 'report-loaded' },
  { name: 'reports: wallboard', path: '/reports/wallboard', ready: 'wallboard-loaded' },
  ...ADMIN_TABS.map((tab) => ({ name: `admin: ${tab}`, path: `/admin/${tab}`, ready: `admin-tab-${tab}` })),
];

const VARIANTS = [
  { name: 'English, light', lang: 'en', scheme: 'light' },
  { name: 'English, dark', lang: 'en', scheme: 'dark' },
  { name: 'Arabic, light', lang: 'ar', scheme: 'light' },
] as const;

describe.skipIf(!browserAvailable())('accessibility (WCAG 2.1 AA, axe-core) in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof createStaff>>;
  let adminSecret = '';
  let clientId = '';
  let conversationId = '';
  const trader = {
    email: `a11y.${randomBytes(4).toString('hex')}@example.test`,
    password: 'a11y-password-2026',
  };

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    const sim = server.ctx.tradingPlatform;
    if (!(sim instanceof SimulatedTradingServer)) throw new Error('needs the built-in simulated platform');
    browser = await launchBrowser();
    admin = await createStaff(server.ctx, 'admin', { name: 'Ada Admin' });
    const meta = { ip: null, userAgent: null };
    // A client with something on every panel: an account, a deposit, an open position, online now.
    const registered = await server.ctx.cabinet.register(
      {
        name: 'Siti Rahma',
        email: trader.email,
        phone: '+62 812 3456 7890',
        country: 'ID',
        language: 'id',
        password: trader.password,
        acceptTerms: true,
        acceptRisk: true,
      },
      meta,
    );
    clientId = registered.client.id;
    // Opened by staff, live: "Online now" lists live accounts only.
    const viewer = (await server.ctx.staff.viewerOf(admin.id))!;
    const opened = await server.ctx.tradingAccounts.open(
      { kind: 'staff', viewer, actor: { id: admin.id, ip: null } },
      clientId,
      { kind: 'live', currency: 'USD', leverage: 100 },
    );
    const login = opened.account.login;
    await sim.balanceOperation(login, { id: 'a11y-dep', kind: 'deposit', amount: 5_000 });
    sim.login(login, '203.0.113.9');
    sim.openPosition(login, { symbol: 'EURUSD', side: 'buy', volume: 1 });
    await sim.flush();
    await server.ctx.cabinet.register(
      {
        name: 'Andi Wijaya',
        email: `andi.${randomBytes(4).toString('hex')}@example.test`,
        phone: '+62 813 5555 0101',
        country: 'ID',
        language: 'id',
        password: 'another-password-1',
        acceptTerms: true,
        acceptRisk: true,
      },
      meta,
    );
    // A conversation with a customer message, an agent reply and an internal note, for the inbox.
    conversationId = await server.ctx.database.db.transaction(async (tx) => {
      const { conversations } = server.ctx;
      const row = await conversations.open(tx, {
        channel: 'chat',
        subject: 'Deposit not credited',
        contactName: 'Siti Rahma',
        contactEmail: trader.email,
        language: 'id',
        actor: { kind: 'customer', name: 'Siti Rahma' },
      });
      await conversations.addMessage(tx, row.id, {
        authorKind: 'customer',
        body: 'My deposit is not there yet.',
      });
      const agent = { authorKind: 'agent' as const, authorStaffId: admin.id, authorName: 'Ada Admin' };
      await conversations.addMessage(tx, row.id, { ...agent, body: 'Checking with finance now.' });
      await conversations.addMessage(tx, row.id, {
        ...agent,
        visibility: 'internal',
        body: 'Bank wire, 2 days.',
      });
      return row.id;
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function contextFor(lang: string, scheme: string): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript(
      ([l, s]) => {
        localStorage.setItem('bd.lang', l!);
        localStorage.setItem('bd.theme', s!);
      },
      [lang, scheme],
    );
    return context;
  }

  async function signInAdmin(page: Page) {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    if (!adminSecret) {
      await page.getByTestId('mfa-qr').waitFor();
      adminSecret = (await page.getByTestId('mfa-secret').innerText()).trim();
      await page.getByTestId('enrol-code').fill(totpNow(adminSecret, server.clock));
      await page.getByTestId('enrol-submit').click();
      await page.getByTestId('recovery-continue').click();
    } else {
      server.clock.advance(30_000); // a code's time step is accepted once
      await page.getByTestId('mfa-code').fill(totpNow(adminSecret, server.clock));
      await page.getByTestId('mfa-submit').click();
    }
    await page.getByTestId('main-nav').waitFor();
  }

  /** Opens the page, waits for its content and for loaders to go, and returns axe's verdict. */
  async function check(page: Page, visit: Visit, variant: string): Promise<string> {
    await page.goto(
      `${server.url}${visit.path.replace(':client', clientId).replace(':conversation', conversationId)}`,
    );
    await page.getByTestId(visit.ready).first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => !document.querySelector('.mantine-Loader-root, .mantine-Skeleton-root, [data-loading]'),
      undefined,
      { timeout: 30_000 },
    );
    // Let enter transitions finish: axe measures contrast on what is painted.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 400)));
    const violations = await seriousViolations(page);
    // Every page in every variant, to look at: contrast fixes must leave a dense, clear product.
    await screenshot(page, `a11y-${variant}-${visit.name}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase());
    return violations.length ? describeViolations(`${visit.name} (${variant})`, violations) : '';
  }

  for (const variant of VARIANTS) {
    describe(variant.name, () => {
      // Visitors' pages in a context without cookies (a session would redirect away from sign-in pages).
      let visitor: Page;
      // The trader's and the admin's sessions side by side: their cookies have different names.
      let member: Page;
      beforeAll(async () => {
        visitor = await (await contextFor(variant.lang, variant.scheme)).newPage();
        const context = await contextFor(variant.lang, variant.scheme);
        const res = await context.request.post(`${server.url}/api/portal/login`, {
          data: { email: trader.email, password: trader.password },
        });
        expect(res.status()).toBe(200);
        member = await context.newPage();
        await signInAdmin(member);
      });
      afterAll(async () => {
        await visitor?.context().close();
        await member?.context().close();
      });

      for (const visit of PUBLIC)
        it(visit.name, async () => expect(await check(visitor, visit, variant.name)).toBe(''));
      for (const visit of [...TRADER, ...STAFF])
        it(visit.name, async () => expect(await check(member, visit, variant.name)).toBe(''));
    });
  }
});
