import { randomBytes } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mailOutbox } from '../../src/core/schema.js';
import { clients, complaints } from '../../src/db/schema.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { seriousViolations } from './axe.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 20_000 };

// Issue 12 end to end, in Chromium: a trader files a complaint in the cabinet → it gets its reference and
// deadlines, the acknowledgement is emailed; the server's clock (a ManualClock) moves to half the final
// response deadline and the warnings job runs → the team lead finds the warning in the bell; the lead
// sends the final response letter; the register shows it answered and the trader gets the PDF.
describe.skipIf(!browserAvailable())('complaints from the cabinet to the register, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let trader: Page;
  let lead: Awaited<ReturnType<typeof createStaff>>;
  const email = `complaint.${randomBytes(4).toString('hex')}@example.test`;
  const password = 'trader-password-2026';
  const name = `Olivia Brown ${randomBytes(2).toString('hex')}`;
  const system = { id: null, ip: null };
  let reference = '';
  let complaintId = '';

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    browser = await launchBrowser();
    lead = await createStaff(server.ctx, 'team_lead', { name: 'Lena Lead' });
    const team = await server.ctx.teams.create(system, {
      name: 'Retention EN',
      kind: 'retention',
      leadId: lead.id,
    });
    const registered = await server.ctx.cabinet.register(
      {
        name,
        email,
        phone: '+447700900123',
        country: 'GB',
        language: 'en',
        password,
        acceptTerms: true,
        acceptRisk: true,
      },
      { ip: null, userAgent: null },
    );
    // The client belongs to the lead's team (as an assignment rule would place them).
    await server.ctx.database.db
      .update(clients)
      .set({ teamId: team.id })
      .where(eq(clients.id, registered.client.id));
    trader = await traderPage();
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail' && trader) await screenshot(trader, `complaints-failed-${task.id}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function traderPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const res = await context.request.post(`${server.url}/api/portal/login`, { data: { email, password } });
    expect(res.status()).toBe(200);
    return context.newPage();
  }
  async function staffPage(user: { email: string; password: string }, path: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(user.email);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-nav').waitFor();
    await page.goto(`${server.url}${path}`);
    return page;
  }
  async function pick(page: Page, testId: string, option: string | RegExp) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option }).first().click();
  }
  const mailsTo = (to: string, subject: string) =>
    server.ctx.database.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, to), like(mailOutbox.subject, `%${subject}%`)));

  it('the trader files a complaint: reference, deadlines, acknowledgement emailed', async () => {
    await trader.goto(`${server.url}/cabinet/complaints`);
    await trader.getByTestId('cab-complaint-form').waitFor(WAIT);
    expect(await seriousViolations(trader)).toEqual([]);
    // Submitting empty shows every required field at once, nothing is sent.
    await trader.getByTestId('cab-complaint-form-submit').click();
    expect(
      await trader.locator('[data-testid="cab-complaint-form"] [aria-invalid="true"]').count(),
    ).toBeGreaterThan(3);
    await pick(trader, 'cab-complaint-form-category', 'Withdrawal');
    await pick(trader, 'cab-complaint-form-product', 'Forex');
    await trader.getByTestId('cab-complaint-form-account').fill('700123');
    await trader.getByTestId('cab-complaint-form-amount').fill('1250.50');
    await trader.getByTestId('cab-complaint-form-outcome').fill('Pay out my withdrawal and refund the fee');
    await trader
      .getByTestId('cab-complaint-form-description')
      .fill('My withdrawal has been pending for 12 days.');
    await trader.getByTestId('cab-complaint-form-submit').click();
    const filed = trader.getByTestId('cab-complaint-filed');
    await filed.waitFor(WAIT);
    reference = (await trader.getByTestId('cab-complaint-reference').first().innerText()).trim();
    expect(reference).toMatch(/^BD-\d{4}-\d{6}$/);
    expect(await filed.innerText()).toContain(reference);
    // The deadline shown is the FCA's eight weeks (end of the last day, London time).
    const [row] = await server.ctx.database.db
      .select()
      .from(complaints)
      .where(eq(complaints.reference, reference));
    complaintId = row!.id;
    expect(row!.finalResponseDueAt.getTime() - row!.receivedAt.getTime()).toBeGreaterThan(54 * 86_400_000);
    expect(row!.amountAtStake).toBe(125_050);
    expect(await trader.getByTestId('cab-complaint-deadline').first().innerText()).toMatch(
      /Answer by .*\d{4}/,
    );
    await screenshot(trader, 'complaints-cabinet-filed');
    const ack = await mailsTo(email, reference);
    expect(ack.map((m) => m.subject)).toEqual([`We have received your complaint ${reference}`]);
    expect(ack[0]!.text).toContain('final response by');
  });

  it('the cabinet page reads right to left in Arabic, without serious axe violations', async () => {
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    await context.addInitScript(() => localStorage.setItem('bd.lang', 'ar'));
    expect(
      (await context.request.post(`${server.url}/api/portal/login`, { data: { email, password } })).status(),
    ).toBe(200);
    const page = await context.newPage();
    await page.goto(`${server.url}/cabinet/complaints`);
    await page.getByTestId('cab-complaint').first().waitFor(WAIT);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.getByTestId('cab-complaint-form-submit').innerText()).toBe('تقديم الشكوى');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'complaints-cabinet-ar');
    await context.close();
  });

  it('at half the deadline (fake clock) the warning reaches the team lead', async () => {
    const [row] = await server.ctx.database.db
      .select()
      .from(complaints)
      .where(eq(complaints.id, complaintId));
    const half =
      row!.receivedAt.getTime() + (row!.finalResponseDueAt.getTime() - row!.receivedAt.getTime()) / 2;
    server.clock.advance(half - server.clock.now().getTime() + 1_000);
    expect(await server.ctx.complaints.warnings.run()).toBe(1);
    expect(await server.ctx.complaints.warnings.run()).toBe(0);
    // The lead signs in (at the new time) and finds it on the bell.
    const page = await staffPage(lead, '/complaints');
    await page.getByTestId('notification-count').waitFor(WAIT);
    await page.getByTestId('notification-bell').click();
    const warning = page.getByText(`Complaint ${reference}: 50 % of the Final response time used`);
    await warning.first().waitFor(WAIT);
    await screenshot(page, 'complaints-lead-warning');
    await page.close();
  });

  it('the lead sends the final response letter; the register shows it; the trader gets the PDF', async () => {
    const page = await staffPage(lead, `/complaints/${complaintId}`);
    await page.getByTestId('complaint-page').waitFor(WAIT);
    expect(await page.getByTestId('complaint-reference').innerText()).toBe(reference);
    await page.getByTestId('note-body').fill('Payment provider confirms the delay on their side.');
    await page.getByTestId('note-add').click();
    await page.getByTestId('complaint-notes').getByText('Payment provider confirms').waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
    await pick(page, 'final-outcome', 'Partially upheld');
    await page.getByTestId('final-redress').fill('25');
    await page
      .getByTestId('final-body')
      .fill(
        'We have looked into your withdrawal.\n\nThe provider delayed it; it is paid now and we refund the fee.',
      );
    await page.getByTestId('final-send').click();
    await page.getByTestId('letter-link').waitFor(WAIT);
    await screenshot(page, 'complaints-detail-answered');
    const pdf = await page.context().request.get(`${server.url}/api/complaints/${complaintId}/letter.pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const final = await mailsTo(email, `Our final response to your complaint ${reference}`);
    expect(final).toHaveLength(1);
    expect(final[0]!.text).toContain('it is paid now');

    await page.goto(`${server.url}/complaints`);
    const row = page.getByTestId('complaint-row').filter({ hasText: reference });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toMatch(/Final response sent/i);
    expect(await row.innerText()).toContain('Partially upheld');
    await screenshot(page, 'complaints-register');

    // The trader (signed in again: the clock moved weeks on) sees the answer and downloads the letter.
    trader = await traderPage();
    await trader.goto(`${server.url}/cabinet/complaints`);
    await trader.getByTestId('cab-complaint-letter').waitFor(WAIT);
    const href = await trader.getByTestId('cab-complaint-letter').getAttribute('href');
    const own = await trader.context().request.get(`${server.url}${href}`);
    expect(own.status()).toBe(200);
    expect((await own.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('compliance sets the policy (regulator, firm code, holidays); a team lead reads it only', async () => {
    const officer = await createStaff(server.ctx, 'compliance', { name: 'Cora Compliance' });
    const page = await staffPage(officer, '/complaints');
    await page.getByTestId('complaints-tab-policy').click();
    await page.getByTestId('complaints-policy-rules').waitFor(WAIT);
    await pick(page, 'complaints-policy-jurisdiction', /CySEC/);
    // The preset brings its zone and holiday list.
    expect(await page.getByTestId('complaints-policy-zone').inputValue()).toBe('Asia/Nicosia');
    await page.getByTestId('complaints-policy-firm').fill('BDCY');
    await page.getByTestId('complaints-policy-holidays').fill('2026-12-24\nnot-a-date');
    await page.getByTestId('complaints-policy-save').click();
    await page.getByText('“not-a-date” is not a date as YYYY-MM-DD').waitFor(WAIT);
    await page.getByTestId('complaints-policy-holidays').fill('2026-12-24\n2026-12-25');
    await page.getByTestId('complaints-policy-save').click();
    await expect
      .poll(() => server.ctx.complaints.settings.get(), WAIT)
      .toMatchObject({ firmCode: 'BDCY', jurisdiction: 'cysec', holidays: ['2026-12-24', '2026-12-25'] });
    // The deadlines shown are the new preset's once the saved policy is read back.
    await page.getByTestId('complaints-policy-rules').filter({ hasText: 'CySEC' }).waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'complaints-policy');

    const leads = await staffPage(lead, '/complaints');
    await leads.getByTestId('complaints-tab-policy').click();
    await leads.getByTestId('complaints-policy-rules').waitFor(WAIT);
    expect(await leads.getByTestId('complaints-policy-firm').isDisabled()).toBe(true);
    expect(await leads.getByTestId('complaints-policy-save').count()).toBe(0);
  });
});
