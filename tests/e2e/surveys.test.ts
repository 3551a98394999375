import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { seriousViolations } from './axe.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 20_000 };

// NPS end to end, in Chromium: a team lead sends a campaign to the cabinet; the trader sees the prompt on
// the cabinet's home, answers 9 with a comment; the trader's manager opens Surveys and sees the score and
// the comment of their own client.
describe.skipIf(!browserAvailable())('NPS from the cabinet to the manager, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let manager: Awaited<ReturnType<typeof createStaff>>;
  let lead: Awaited<ReturnType<typeof createStaff>>;
  const email = `nps.e2e.${Date.now()}@example.test`;
  const password = 'trader-password-2026';

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    browser = await launchBrowser();
    manager = await createStaff(server.ctx, 'retention_manager', { name: 'Rina Retention' });
    lead = await createStaff(server.ctx, 'team_lead', { name: 'Lukas Lead' });
    const { client } = await server.ctx.cabinet.register(
      {
        name: 'Budi Santoso',
        email,
        phone: '+62 812 5550 7788',
        country: 'ID',
        language: 'en',
        password,
        acceptTerms: true,
        acceptRisk: true,
      },
      { ip: '10.77.0.1', userAgent: null },
    );
    // The trader is the retention manager's client (reassigned as an admin would).
    await server.ctx.clients.reassign(
      { id: lead.id, scope: 'all', teamId: null, permissions: new Set(['clients.assign']) },
      { id: lead.id, ip: null },
      [client.id],
      manager.id,
      'NPS test',
    );
    await server.ctx.surveys.campaigns.create(
      { id: lead.id, ip: null },
      { name: 'Winter NPS', segment: { countries: ['ID'] }, channels: ['cabinet'] },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the trader answers in the cabinet and the manager sees the score and the comment', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/cabinet`);
    await page.getByTestId('cab-login-email').fill(email);
    await page.getByTestId('cab-login-password').fill(password);
    await page.getByTestId('cab-login-submit').click();
    await page.getByTestId('nps-prompt').waitFor(WAIT);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('nps-prompt').getByText('9', { exact: true }).click();
    await page.getByTestId('nps-comment').fill('Quick withdrawals, thank you');
    await screenshot(page, 'surveys-cabinet-prompt');
    await page.getByTestId('nps-send').click();
    await page.getByTestId('nps-thanks').waitFor(WAIT);
    await context.close();

    const staff = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const desk = await staff.newPage();
    await desk.goto(`${server.url}/login`);
    await desk.getByTestId('login-email').fill(manager.email);
    await desk.getByTestId('login-password').fill(manager.password);
    await desk.getByTestId('login-submit').click();
    await desk.getByTestId('main-nav').waitFor(WAIT);
    await desk.goto(`${server.url}/surveys`);
    await desk.getByTestId('campaign-row').first().waitFor(WAIT);
    expect(await desk.getByTestId('campaign-nps').first().textContent()).toBe('100');
    expect(await desk.getByTestId('nps-nps').textContent()).toBe('100');
    await desk.getByTestId('nps-comments').getByText('Quick withdrawals, thank you').waitFor(WAIT);
    // The manager cannot send campaigns (team leads and admins do).
    expect(await desk.getByTestId('campaign-create').count()).toBe(0);
    expect(await desk.getByTestId('proactive-settings').count()).toBe(0);
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'surveys-results');
    await staff.close();
  });

  it('a team lead writes the Russian follow-up template; a half-filled one is refused with a reason', async () => {
    const staff = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const desk = await staff.newPage();
    await desk.goto(`${server.url}/login`);
    await desk.getByTestId('login-email').fill(lead.email);
    await desk.getByTestId('login-password').fill(lead.password);
    await desk.getByTestId('login-submit').click();
    await desk.getByTestId('main-nav').waitFor(WAIT);
    await desk.goto(`${server.url}/surveys`);
    const settings = desk.getByTestId('proactive-settings');
    await settings.waitFor(WAIT);
    await settings.getByText('RU', { exact: true }).click();
    // The built-in Russian text is the placeholder until the lead writes one.
    expect(await desk.getByTestId('proactive-followUp-subject').getAttribute('placeholder')).toContain(
      'Всё ли в порядке',
    );
    await desk.getByTestId('proactive-followUp-subject').fill('Как дела после обращения #{{number}}?');
    await desk.getByTestId('proactive-save').click();
    await settings.getByTestId('form-error').waitFor(WAIT);
    await desk.getByTestId('proactive-followUp-body').fill('Здравствуйте, {{name}}! Всё получилось?');
    await desk.getByTestId('proactive-delay').fill('6');
    await desk.getByTestId('proactive-save').click();
    await settings.getByTestId('form-error').waitFor({ state: 'detached', ...WAIT });
    await expect
      .poll(async () => (await server.ctx.surveys.proactive.settings()).followUp, WAIT)
      .toMatchObject({
        delayHours: 6,
        templates: {
          ru: {
            subject: 'Как дела после обращения #{{number}}?',
            body: 'Здравствуйте, {{name}}! Всё получилось?',
          },
        },
      });
    expect(await seriousViolations(desk)).toEqual([]);
    await screenshot(desk, 'surveys-proactive-settings');
    // The lead closes the campaign: the row says so, and the cabinet stops asking.
    await desk.getByTestId('campaign-close').first().click();
    await desk.getByTestId('confirm-action').click();
    await desk.getByTestId('campaign-state').filter({ hasText: 'Closed' }).waitFor(WAIT);
    expect(await desk.getByTestId('campaign-close').count()).toBe(0);
    const [winter] = await server.ctx.surveys.campaigns.list();
    expect(winter!.closedAt).not.toBeNull();
    await staff.close();
  });
});
