import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { clients } from '../../src/modules/clients/schema.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 15_000 };
const system = { id: null, ip: null };

// The everyday rough edges of the web app, as a person meets them: what the registration form assumes,
// how forms report mistakes, where toasts land, what the cabinet asks the server, what the menu offers.
describe.skipIf(!browserAvailable())('web app details in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let usManager: Awaited<ReturnType<typeof createStaff>>;
  let idManager: Awaited<ReturnType<typeof createStaff>>;

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    browser = await launchBrowser();
    // A desk for US visitors: a visitor whose country is guessed as "US" would land here by mistake.
    const us = await server.ctx.teams.create(system, { name: 'Desk US', kind: 'sales', leadId: null });
    usManager = await createStaff(server.ctx, 'sales_manager', { teamId: us.id, name: 'Uma US' });
    await server.ctx.assignmentRules.createRule(system, {
      name: 'United States',
      countries: ['US'],
      languages: [],
      sources: [],
      teamId: us.id,
      active: true,
    });
    const id = await server.ctx.teams.create(system, { name: 'Desk ID', kind: 'sales', leadId: null });
    idManager = await createStaff(server.ctx, 'sales_manager', { teamId: id.id, name: 'Maya Manager' });
    await server.ctx.assignmentRules.createRule(system, {
      name: 'Indonesia',
      countries: ['ID'],
      languages: [],
      sources: [],
      teamId: id.id,
      active: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A visitor whose browser prefers these languages, in this locale. */
  async function visitor(locale: string, languages: string[]): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    await context.addInitScript((langs) => {
      Object.defineProperty(navigator, 'languages', { get: () => langs });
    }, languages);
    return context.newPage();
  }

  async function signIn(page: Page, user: { email: string; password: string }) {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-nav').waitFor(WAIT);
  }

  const registration = (name: string) => ({
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}.${randomBytes(3).toString('hex')}@example.test`,
    phone: '+62 812 3456 7890',
    country: 'ID',
    language: 'id',
    password: 'visitor-password-1',
    acceptTerms: true as const,
    acceptRisk: true as const,
  });

  it('public cabinet pages ask no staff endpoint and log no 401', async () => {
    const page = await visitor('en-GB', ['en-GB']);
    const staffCalls: string[] = [];
    const unauthorized: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => {
      const { pathname } = new URL(request.url());
      if (pathname.startsWith('/api/') && !/^\/api\/(portal|cabinet)\//.test(pathname))
        staffCalls.push(`${request.method()} ${pathname}`);
    });
    page.on('response', (response) => {
      if (response.status() === 401) unauthorized.push(response.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const pages: [string, string][] = [
      ['/cabinet/register', 'cab-reg-name'],
      ['/cabinet/login', 'cab-login-email'],
      ['/cabinet/forgot', 'cab-forgot'],
      ['/cabinet/reset?token=abc', 'cab-reset-password'],
      ['/cabinet/confirm', 'cab-confirm-error'],
    ];
    for (const [path, ready] of pages) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(ready).waitFor(WAIT);
      // Let the page's own queries settle before moving on.
      await page.waitForLoadState('networkidle');
    }
    // Switching the language on a public page is local: nothing is saved to a staff profile.
    await page.goto(`${server.url}/cabinet/login`);
    await page.getByTestId('language-switcher').click();
    await page.getByRole('option', { name: 'Русский' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'ru');
    await page.waitForLoadState('networkidle');
    expect({ staffCalls, unauthorized, consoleErrors }).toEqual({
      staffCalls: [],
      unauthorized: [],
      consoleErrors: [],
    });
    await page.context().close();
  });

  it('registration takes the language from the browser and leaves the country to the visitor', async () => {
    // An English interface, a browser that prefers Malay: the region "US" of the locale is not a country.
    const page = await visitor('en-US', ['tlh', 'ms-MY', 'en-US']);
    await page.goto(`${server.url}/cabinet/register`);
    await page.getByTestId('cab-reg-name').waitFor(WAIT);
    expect(await page.getByTestId('cab-reg-country').inputValue()).toBe('');
    expect(await page.getByTestId('cab-reg-language').inputValue()).toBe('Malay');

    const email = `skip.${randomBytes(3).toString('hex')}@example.test`;
    await page.getByTestId('cab-reg-name').fill('Ahmad Skipper');
    await page.getByTestId('cab-reg-email').fill(email);
    await page.getByTestId('cab-reg-phone').fill('+60 12 345 6789');
    await page.getByTestId('cab-reg-password').fill('visitor-password-1');
    await page.getByTestId('cab-reg-terms').check();
    await page.getByTestId('cab-reg-risk').check();
    await page.getByTestId('cab-reg-submit').click();
    await page.getByTestId('cab-dashboard').waitFor(WAIT);

    const [row] = await server.ctx.database.db.select().from(clients).where(eq(clients.email, email));
    expect(row).toMatchObject({ country: null, language: 'ms' });
    // Unknown country: the US desk's rule does not claim the visitor.
    expect(row!.managerId).not.toBe(usManager.id);
    await page.context().close();
  });

  it('a form names every wrong field at once and says the 200-character limit instead of cutting', async () => {
    const page = await visitor('en-GB', ['en-GB']);
    const sent: string[] = [];
    page.on('request', (r) => r.url().endsWith('/api/portal/register') && sent.push(r.url()));
    await page.goto(`${server.url}/cabinet/register`);
    const name = 'N'.repeat(201);
    await page.getByTestId('cab-reg-name').fill(name);
    // Kept as typed, and told while typing.
    expect(await page.getByTestId('cab-reg-name').inputValue()).toHaveLength(201);
    await page.getByText('200 characters at most').waitFor(WAIT);

    await page.getByTestId('cab-reg-email').fill('not-an-email');
    await page.getByTestId('cab-reg-phone').fill('12345');
    await page.getByTestId('cab-reg-password').fill('short');
    await page.getByTestId('cab-reg-submit').click();
    for (const message of [
      '200 characters at most',
      'Enter a valid email address.',
      'Enter the phone number in international format, e.g. +44 20 7946 0958.',
      'The password must be 10 to 200 characters long.',
      'Please accept the terms and conditions',
      'Please confirm that you have read the risk disclosure',
    ])
      await page.getByText(message, { exact: true }).waitFor(WAIT);
    expect(sent).toEqual([]);
    await screenshot(page, 'ux-register-all-errors');

    // Fixing a field clears its error at once; the others stay until they are fixed too.
    await page.getByTestId('cab-reg-name').fill('Nadia Fixed');
    await page.getByText('200 characters at most').waitFor({ state: 'detached', ...WAIT });
    expect(await page.getByText('Enter a valid email address.', { exact: true }).count()).toBe(1);
    await page.context().close();
  });

  it('toasts appear below the header, never over its controls, in English and in Arabic', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await signIn(page, idManager);
    await page.locator('[data-testid="ws-status"][data-state="open"]').waitFor(WAIT);
    const header = page.locator('.mantine-AppShell-header');

    const toastClearOfHeader = async (name: string) => {
      await server.ctx.cabinet.register(registration(name), { ip: null, userAgent: null });
      // The assignment toast (and a status-change one) name the client, in the interface language.
      const toast = page.locator('.mantine-Notification-root').filter({ hasText: name }).first();
      await toast.waitFor(WAIT);
      const h = (await header.boundingBox())!;
      // Every toast on screen (the status change comes too) lies entirely below the header.
      const tops = await page
        .locator('.mantine-Notification-root')
        .evaluateAll((els) =>
          els.map((el) => el.getBoundingClientRect()).flatMap((r) => (r.height > 0 ? [r.top] : [])),
        );
      expect(tops.length).toBeGreaterThan(0);
      for (const top of tops) expect(top).toBeGreaterThanOrEqual(h.y + h.height);
      return (await toast.boundingBox())!;
    };

    const ltr = await toastClearOfHeader(`Siti Toast ${randomBytes(2).toString('hex')}`);
    expect(ltr.x).toBeGreaterThan(700); // the end corner: right in LTR
    await screenshot(page, 'ux-toast-ltr');

    await page.getByTestId('language-switcher').click();
    await page.getByRole('option', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    const rtl = await toastClearOfHeader(`Dewi Toast ${randomBytes(2).toString('hex')}`);
    expect(rtl.x + rtl.width).toBeLessThan(700); // left in RTL
    await screenshot(page, 'ux-toast-rtl');
    await context.close();
  });

  for (const role of ['sales_manager', 'team_lead', 'support_agent', 'finance', 'compliance'] as const)
    it(`the menu shows a ${role} only what exists and what the role may open`, async () => {
      const user = await createStaff(server.ctx, role);
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await signIn(page, user);
      const items = await page
        .getByTestId('main-nav')
        .locator('a[data-testid^="nav-"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('data-testid')));
      // No admin rights, no Admin item; no module that is not built yet; Payments for payments.read,
      // Support for support.handle, Surveys for clients.read, Complaints for complaints.register,
      // Knowledge for knowledge.write, Reports for reports.read.
      const seesPayments = role !== 'support_agent' && role !== 'compliance';
      const seesSupport = role === 'support_agent' || role === 'team_lead';
      const seesComplaints = role === 'team_lead' || role === 'compliance';
      const seesKnowledge = role === 'support_agent';
      const item = (nav: string, ready: string, shown = true): [string, string][] =>
        shown ? [[nav, ready]] : [];
      const expected: [string, string][] = [
        ['nav-clients', 'page-clients'],
        ['nav-online', 'page-online'],
        ...item('nav-payments', 'page-payments', seesPayments),
        ...item('nav-support', 'support-inbox', seesSupport),
        ...item('nav-surveys', 'surveys-page'),
        ...item('nav-complaints', 'complaints-table', seesComplaints),
        ...item('nav-knowledge', 'knowledge-page', seesKnowledge),
        // Reports for everyone with reports.read: each sees their own figures (a lead the team's).
        ...item('nav-reports', 'report-loaded'),
      ];
      expect(items).toEqual(expected.map(([item]) => item));
      // Every item opens a real page: no "coming soon", no 404, no "forbidden".
      for (const [item, ready] of expected) {
        await page.getByTestId(item!).click();
        await page.getByTestId(ready!).waitFor(WAIT);
        expect(await page.getByTestId('forbidden').count()).toBe(0);
      }
      // The old placeholder addresses are gone.
      await page.goto(`${server.url}/inbox`);
      await page.getByTestId('not-found').waitFor(WAIT);
      await context.close();
    });
});
