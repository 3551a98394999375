import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

// Situations 1 and 2 side by side: a visitor registers in the cabinet while the manager the rules pick
// watches the client list; then that manager enters a phone lead, opens the cabinet for them, and the
// client signs in with the password that arrived by email (over a real SMTP server on loopback).
describe.skipIf(!browserAvailable())('clients from first contact, in Chromium', () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;
  let manager: Awaited<ReturnType<typeof createStaff>>;
  let managerPage: Page;
  const system = { id: null, ip: null };

  beforeAll(async () => {
    smtp = await TestSmtp.start();
    server = await startTestServer({ web: true, env: { SMTP_URL: smtp.url } });
    browser = await launchBrowser();
    // Two desks; only the Indonesian desk's rule matches the visitor, so the rule decides who is told.
    const other = await server.ctx.teams.create(system, { name: 'Desk RU', kind: 'sales', leadId: null });
    await createStaff(server.ctx, 'sales_manager', { teamId: other.id });
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

  it('a visitor registers; the manager chosen by the rules gets a toast and sees the Demo client without reloading', async () => {
    managerPage = await fresh();
    await managerPage.goto(`${server.url}/login`);
    await managerPage.getByTestId('login-email').fill(manager.email);
    await managerPage.getByTestId('login-password').fill(manager.password);
    await managerPage.getByTestId('login-submit').click();
    await managerPage.getByTestId('main-nav').waitFor();
    await managerPage.getByTestId('nav-clients').click();
    await managerPage.getByTestId('clients-table').waitFor();
    await managerPage.locator('[data-testid="ws-status"][data-state="open"]').waitFor();
    expect(await managerPage.getByTestId('client-row').count()).toBe(0);

    const visitor = await fresh();
    const name = `Siti Rahma ${randomBytes(2).toString('hex')}`;
    await visitor.goto(`${server.url}/cabinet/register?utm_source=instagram`);
    await visitor.getByTestId('cab-reg-name').fill(name);
    await visitor.getByTestId('cab-reg-email').fill(`siti.${randomBytes(3).toString('hex')}@example.test`);
    await visitor.getByTestId('cab-reg-phone').fill('+62 812 1111 2222');
    await pick(visitor, 'cab-reg-country', 'Indonesia');
    await pick(visitor, 'cab-reg-language', 'Indonesian');
    await visitor.getByTestId('cab-reg-password').fill('visitor-password-1');
    await visitor.getByTestId('cab-reg-terms').check();
    await visitor.getByTestId('cab-reg-risk').check();
    await visitor.getByTestId('cab-reg-submit').click();
    await visitor.getByTestId('cab-dashboard').waitFor();
    // Registration sent a confirmation link, and the banner says so.
    expect(await visitor.getByTestId('cab-email-banner').innerText()).toContain(
      'We sent a confirmation link',
    );

    await managerPage.getByText(`New client assigned to you: ${name}`).first().waitFor({ timeout: 10_000 });
    const row = managerPage.getByTestId('client-row').filter({ hasText: name });
    await row.waitFor({ timeout: 10_000 });
    expect((await row.getByTestId('client-row-status').innerText()).toLowerCase()).toContain('demo');
    await screenshot(managerPage, 'clients-live-registration');
    await visitor.context().close();
  });

  it('a lead entered by the manager is registered in the cabinet; the emailed password signs the client in', async () => {
    const email = `andi.${randomBytes(3).toString('hex')}@example.test`;
    await managerPage.getByTestId('lead-new').click();
    await managerPage.getByTestId('lead-form-name').fill('Andi Wijaya');
    await managerPage.getByTestId('lead-form-email').fill(email);
    await managerPage.getByTestId('lead-form-phone').fill('+62 813 5555 0101');
    await managerPage.getByTestId('lead-form-country').fill('ID');
    await managerPage.getByTestId('lead-form-submit').click();
    await managerPage.getByTestId('client-card').waitFor();
    expect((await managerPage.getByTestId('client-status').innerText()).toLowerCase()).toContain('lead');

    await managerPage.getByTestId('client-register-cabinet').click();
    await managerPage.getByTestId('cabinet-submit').click();
    await managerPage.getByTestId('client-cabinet-done').waitFor();
    await managerPage.getByTestId('client-status').filter({ hasText: /demo/i }).waitFor({ timeout: 10_000 });
    await screenshot(managerPage, 'client-card-after-cabinet');

    const mail = await smtp.next((m) => m.to.includes(email) && /Password:/.test(m.text), 10_000);
    const password = /Password: (\S+)/.exec(mail.text)![1]!;
    expect(password.length).toBeGreaterThanOrEqual(12);

    const client = await fresh();
    await client.goto(`${server.url}/cabinet/login`);
    await client.getByTestId('cab-login-email').fill(email);
    await client.getByTestId('cab-login-password').fill(password);
    await client.getByTestId('cab-login-submit').click();
    await client.getByTestId('cab-dashboard').waitFor();
    expect(await client.getByTestId('cab-status').getAttribute('data-status')).toBe('demo');
    // No link was ever sent to this client: signing in with the emailed password confirmed the address,
    // so no banner claims otherwise, and a live account opens at once.
    await client.getByTestId('cab-email-confirmed').waitFor();
    expect(await client.getByTestId('cab-email-banner').count()).toBe(0);
    expect(smtp.to(email).map((m) => m.subject)).toEqual(['Your trading cabinet is ready']);
    await client.context().close();

    // The card's history shows the whole story, newest first, the confirmation arriving live.
    await managerPage
      .locator('[data-testid="timeline-item"][data-event-type="client.email_confirmed"]')
      .waitFor();
    const types = await managerPage
      .getByTestId('timeline-item')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-event-type')));
    expect(types).toEqual(
      expect.arrayContaining([
        'client.created',
        'client.status_changed',
        'client.email_sent',
        'client.email_confirmed',
      ]),
    );
  });
});
