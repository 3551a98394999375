import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mailOutbox } from '../../src/core/schema.js';
import { clients } from '../../src/modules/clients/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

// The trader's cabinet as a visitor uses it: register from a campaign link, confirm the email, sign out
// and in again, switch to Arabic.
describe.skipIf(!browserAvailable())('trader cabinet in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  const email = `e2e.${randomBytes(4).toString('hex')}@example.test`;
  const password = 'cabinet-password-2026';

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function fresh(locale = 'en-GB'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale });
    return context.newPage();
  }

  async function pick(page: Page, testId: string, option: string) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  let page: Page;

  it('registers from a campaign link and lands on the dashboard as Demo', async () => {
    page = await fresh();
    await page.goto(
      `${server.url}/cabinet/register?utm_source=google&utm_medium=cpc&utm_campaign=spring&ref=IB-42`,
    );
    await page.getByTestId('cab-reg-name').fill('Siti Rahma');
    await page.getByTestId('cab-reg-email').fill(email);
    await page.getByTestId('cab-reg-phone').fill('+62 812 3456 7890');
    await pick(page, 'cab-reg-country', 'Indonesia');
    await pick(page, 'cab-reg-language', 'Indonesian');
    await page.getByTestId('cab-reg-password').fill(password);
    await page.getByTestId('cab-reg-terms').check();
    // Without the risk disclosure the form says so and sends nothing.
    await page.getByTestId('cab-reg-submit').click();
    await page.getByText('Please confirm that you have read the risk disclosure').waitFor();
    await page.getByTestId('cab-reg-risk').check();
    await screenshot(page, 'cabinet-register');
    await page.getByTestId('cab-reg-submit').click();

    await page.getByTestId('cab-dashboard').waitFor();
    expect(await page.getByTestId('cab-status').getAttribute('data-status')).toBe('demo');
    expect(await page.getByTestId('cab-greeting').innerText()).toContain('Siti Rahma');
    await page.getByTestId('cab-email-banner').waitFor();
    await screenshot(page, 'cabinet-dashboard');

    const [row] = await server.ctx.database.db.select().from(clients).where(eq(clients.email, email));
    expect(row).toMatchObject({
      country: 'ID',
      language: 'id',
      source: 'google',
      referralCode: 'IB-42',
      utm: { source: 'google', medium: 'cpc', campaign: 'spring' },
      status: 'demo',
    });
  });

  it('confirms the email from the emailed link', async () => {
    const [mail] = await server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(sql`${mailOutbox.to} = ${email} and ${mailOutbox.subject} like 'Confirm%'`)
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    // The link is a secret: the outbox keeps it sealed.
    const link = server.ctx.mailer.unseal(mail!.text).match(/http\S+\/cabinet\/confirm\?token=\S+/)![0];
    await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await page.getByTestId('cab-confirm-done').waitFor();
    await page.getByTestId('cab-confirm-continue').click();
    await page.getByTestId('cab-email-confirmed').waitFor();
    expect(await page.getByTestId('cab-email-banner').count()).toBe(0);
  });

  it('signs out and back in', async () => {
    await page.getByTestId('cab-logout').click();
    await page.getByTestId('cab-login-email').waitFor();
    await page.goto(`${server.url}/cabinet`);
    await page.getByTestId('cab-login-email').fill(email);
    await page.getByTestId('cab-login-password').fill('not-my-password');
    await page.getByTestId('cab-login-submit').click();
    await page.getByTestId('cab-login-error').waitFor();
    await page.getByTestId('cab-login-password').fill(password);
    await page.getByTestId('cab-login-submit').click();
    await page.getByTestId('cab-dashboard').waitFor();
  });

  it('changes contacts on the profile page', async () => {
    await page.getByTestId('cab-nav-profile').click();
    await page.getByTestId('cab-profile-phone').fill('+62 811 222 3333');
    await page.getByTestId('cab-profile-save').click();
    await expect
      .poll(
        async () =>
          (await server.ctx.database.db.select().from(clients).where(eq(clients.email, email)))[0]!.phone,
      )
      .toBe('+628112223333');
    await screenshot(page, 'cabinet-profile');
  });

  it('turns right-to-left in Arabic', async () => {
    await page.getByTestId('cab-nav-dashboard').click();
    await pick(page, 'language-switcher', 'العربية');
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByTestId('cab-status').innerText()).toBe('تجريبي');
    expect(await page.getByTestId('cab-greeting').innerText()).toContain('مرحبًا');
    await screenshot(page, 'cabinet-dashboard-ar');
  });
});
