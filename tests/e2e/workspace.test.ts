import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createStaff, startTestServer, totpNow, type TestServer } from '../support/server.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

// As a person would use it: a real browser on the built app, served by a real server.
describe.skipIf(!browserAvailable())('staff workspace in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Awaited<ReturnType<typeof createStaff>>;
  let adminSecret = '';

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    browser = await launchBrowser();
    admin = await createStaff(server.ctx, 'admin', { name: 'Ada Admin' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fresh(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    return context.newPage();
  }

  async function passwordStep(page: Page, email: string, password: string) {
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(email);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
  }

  async function signInWithCode(page: Page, email: string, password: string, secret: string) {
    await passwordStep(page, email, password);
    server.clock.advance(30_000); // each sign-in uses a fresh time step: a code is never accepted twice
    await page.getByTestId('mfa-code').fill(totpNow(secret, server.clock));
    await page.getByTestId('mfa-submit').click();
    await page.getByTestId('main-nav').waitFor();
  }

  it('an admin enrols 2FA at first sign-in, then signs in with a code', async () => {
    const page = await fresh();
    await passwordStep(page, admin.email, admin.password);
    await page.getByTestId('mfa-qr').waitFor();
    adminSecret = (await page.getByTestId('mfa-secret').innerText()).trim();
    expect(adminSecret).toMatch(/^[A-Z2-7]{16,}$/);
    await screenshot(page, 'login-enrolment');
    await page.getByTestId('enrol-code').fill(totpNow(adminSecret, server.clock));
    await page.getByTestId('enrol-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(
      (await page.getByTestId('recovery-codes').innerText()).match(/[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/g),
    ).toHaveLength(10);
    await page.getByTestId('recovery-continue').click();
    await page.getByTestId('main-nav').waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();

    await signInWithCode(page, admin.email, admin.password, adminSecret);
    await expect(page.getByTestId('nav-admin').isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('switching to Arabic turns the layout right-to-left', async () => {
    const user = await createStaff(server.ctx, 'support_agent');
    const page = await fresh();
    await passwordStep(page, user.email, user.password);
    await page.getByTestId('main-nav').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.getByTestId('language-switcher').click();
    await page.getByRole('option', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ar');
    // The navigation moved to the right-hand side.
    const nav = await page.getByTestId('main-nav').boundingBox();
    expect(nav!.x).toBeGreaterThan(700);
    await screenshot(page, 'workspace-arabic');
    // The choice survives a reload.
    await page.reload();
    await page.getByTestId('main-nav').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.context().close();
  });

  it('a team lead sees a live notification when the admin adds someone to the team, and the new member signs in', async () => {
    const lead = await createStaff(server.ctx, 'team_lead', { name: 'Lena Lead' });
    const teamName = `Desk ${randomBytes(2).toString('hex')}`;
    await server.ctx.teams.create({ id: null, ip: null }, { name: teamName, kind: 'sales', leadId: lead.id });

    const leadPage = await fresh();
    await passwordStep(leadPage, lead.email, lead.password);
    await leadPage.getByTestId('main-nav').waitFor();
    await leadPage.locator('[data-testid="ws-status"][data-state="open"]').waitFor();
    const unreadBefore = Number(
      (await leadPage
        .getByTestId('notification-count')
        .innerText()
        .catch(() => '0')) || 0,
    );

    const adminPage = await fresh();
    await signInWithCode(adminPage, admin.email, admin.password, adminSecret);
    await adminPage.goto(`${server.url}/admin/staff`);
    await adminPage.getByTestId('staff-new').click();
    const email = `nina.${randomBytes(3).toString('hex')}@test.local`;
    await adminPage.getByTestId('staff-form-name').fill('Nina Newcomer');
    await adminPage.getByTestId('staff-form-email').fill(email);
    await adminPage.getByTestId('staff-form-password').fill('nina-first-password');
    await adminPage.getByTestId('staff-form-role').click();
    await adminPage.getByRole('option', { name: 'Sales manager' }).click();
    await adminPage.getByTestId('staff-form-team').click();
    await adminPage.getByRole('option', { name: teamName }).click();
    await adminPage.getByTestId('staff-form-submit').click();
    await adminPage.getByTestId('staff-row').filter({ hasText: email }).waitFor();

    // No reload on the lead's page: the toast and the bell come over the WebSocket.
    await leadPage.getByText('Nina Newcomer joined your team').first().waitFor({ timeout: 10_000 });
    await expect(leadPage.getByTestId('notification-count').innerText()).resolves.toBe(
      String(unreadBefore + 1),
    );
    await screenshot(leadPage, 'lead-live-notification');
    await screenshot(adminPage, 'admin-staff-list');

    const ninaPage = await fresh();
    await passwordStep(ninaPage, email, 'nina-first-password');
    await ninaPage.getByTestId('main-nav').waitFor();
    await expect(ninaPage.getByTestId('nav-admin').count()).resolves.toBe(0);
    await Promise.all([leadPage.context().close(), adminPage.context().close(), ninaPage.context().close()]);
  });
});
