import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { appendEvents, type NewEvent } from '../../src/core/events.js';
import { tradingAccounts } from '../../src/db/schema.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { clientWithAccount } from '../support/trading.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

// Generous: the machine running the suite may be busy; nothing here measures time.
const WAIT = { timeout: 30_000 };

// The manager's working view (issue 8): the history filtered by kind with automatic trading bursts folded,
// the client list's column chooser, and muted notification kinds that reach the bell without a toast.
describe.skipIf(!browserAvailable())('the manager’s working view, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let manager: Awaited<ReturnType<typeof createStaff>>;
  let clientId: string;
  const system = { id: null, ip: null };
  const clientName = `Rina Wijaya ${randomBytes(2).toString('hex')}`;

  const append = (events: NewEvent[]) => server.ctx.database.db.transaction((tx) => appendEvents(tx, events));
  let accountId: string;
  const aboutClient = () => ({
    subjectType: 'client',
    subjectId: clientId,
    audience: { users: [manager.id] },
  });
  const onAccount = () => ({ clientId, clientName, accountId, login: '5001', currency: 'USD' });
  const marginCall = (): NewEvent => ({
    ...aboutClient(),
    type: 'trading.margin_call',
    payload: { ...onAccount(), marginLevel: 80, equity: 400, at: new Date().toISOString() },
  });

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    browser = await launchBrowser();
    const desk = await server.ctx.teams.create(system, { name: 'Desk MV', kind: 'sales', leadId: null });
    manager = await createStaff(server.ctx, 'sales_manager', { teamId: desk.id, name: 'Maya Manager' });
    const { client, account } = await clientWithAccount(server.ctx, {
      managerId: manager.id,
      teamId: desk.id,
      name: clientName,
    });
    clientId = client.id;
    accountId = account.id;
    await server.ctx.database.db
      .update(tradingAccounts)
      .set({ balance: 1234.5, equity: 1200, marginLevel: 150 })
      .where(eq(tradingAccounts.id, account.id));
    const viewer = (await server.ctx.staff.viewerOf(manager.id))!;
    await server.ctx.clientNotes.comment(
      viewer,
      { id: manager.id, ip: null },
      clientId,
      'Promised a deposit on Friday',
      [],
    );
    // A burst from the platform, newer than the note.
    await append(Array.from({ length: 6 }, marginCall));

    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(manager.email);
    await page.getByTestId('login-password').fill(manager.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-nav').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('folds a burst of margin calls into one line, and filters the history by kind', async () => {
    await page.goto(`${server.url}/clients/${clientId}`);
    const timeline = page.getByTestId('client-timeline');
    const group = timeline.getByTestId('timeline-group');
    await group.waitFor(WAIT);
    expect(await group.getAttribute('data-count')).toBe('6');
    // The note stays in sight right under the burst, not six entries down.
    await expect(
      timeline.locator('[data-testid="timeline-item"][data-event-type="client.comment_added"]').isVisible(),
    ).resolves.toBe(true);
    await group.getByTestId('timeline-group-toggle').click();
    await expect(group.getByTestId('timeline-item').count()).resolves.toBe(6);
    await screenshot(page, 'timeline-grouped');

    await timeline.getByTestId('timeline-kind-comments').click();
    await timeline.getByTestId('timeline-group').waitFor({ state: 'detached', ...WAIT });
    const types = await timeline
      .getByTestId('timeline-item')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-event-type')));
    expect(types).toEqual(['client.comment_added']);
    await timeline.getByTestId('timeline-kind-all').click();
    await timeline.getByTestId('timeline-group').waitFor(WAIT);
  });

  it('shows the columns a manager picks, and keeps the choice after a reload', async () => {
    await page.goto(`${server.url}/clients`);
    await page.getByTestId('client-row').first().waitFor(WAIT);
    await expect(page.getByTestId('client-row-balance').count()).resolves.toBe(0);
    await page.getByTestId('columns-chooser').click();
    await page.getByTestId('column-toggle-balance').click();
    await page.getByTestId('column-toggle-lastContact').click();
    await page.getByTestId('column-toggle-source').click();
    await page.keyboard.press('Escape');
    const row = page.locator(`[data-testid="client-row"][data-client-id="${clientId}"]`);
    await expect(row.getByTestId('client-row-balance').innerText()).resolves.toContain('1,234.50');
    await expect(row.getByTestId('client-row-lastContact').innerText()).resolves.not.toBe('Never');
    await screenshot(page, 'clients-columns');

    await page.reload();
    await row.waitFor(WAIT);
    await expect(row.getByTestId('client-row-balance').count()).resolves.toBe(1);
    const headers = await page.locator('[data-testid="clients-table"] thead th').allInnerTexts();
    expect(headers.join('|')).toContain('Last contact');
    expect(headers.join('|')).not.toContain('Source');
  });

  it('a muted kind reaches the bell without a toast; the bell groups it per client', async () => {
    await page.goto(`${server.url}/profile`);
    await page.getByTestId('mute-client.mentioned').click();
    await page.waitForFunction(
      () => !(document.querySelector('[data-testid="mute-client.mentioned"]') as HTMLInputElement).checked,
    );
    await page.getByText('Changes saved').first().waitFor(WAIT);
    // Away from the profile, whose labels name the same kinds as the toasts.
    await page.goto(`${server.url}/clients`);
    await page.locator('[data-testid="ws-status"][data-state="open"]').waitFor(WAIT);
    const badge = page.getByTestId('notification-count');
    const unreadBefore = (await badge.count()) ? Number(await badge.innerText()) : 0;

    const mention = (by: string): NewEvent => ({
      ...aboutClient(),
      type: 'client.comment_added',
      payload: { body: '@Maya look', mentions: [], clientName },
      notify: [
        {
          userId: manager.id,
          type: 'client.mentioned',
          payload: { clientName, clientId, by, excerpt: '@Maya look' },
        },
      ],
    });
    await append([mention('Lena Lead')]);
    await append([mention('Lena Lead')]);
    // Then one that is not muted: once its toast is up, the mentions before it were handled too.
    await append([
      {
        ...aboutClient(),
        type: 'trading.client_online',
        notify: [{ userId: manager.id }],
        payload: { ...onAccount(), since: new Date().toISOString() },
      },
    ]);
    await page.getByText('Client online in the terminal').first().waitFor(WAIT);
    await expect(page.getByText('You were mentioned').count()).resolves.toBe(0);
    await expect
      .poll(() => page.getByTestId('notification-count').innerText(), WAIT)
      .toBe(String(unreadBefore + 3));

    await page.getByTestId('notification-bell').click();
    const group = page.getByTestId('notification-group');
    await group.waitFor(WAIT);
    expect(await group.getAttribute('data-count')).toBe('2');
    await expect(group.getByTestId('notification-group-count').innerText()).resolves.toBe('×2');
    await screenshot(page, 'bell-grouped');
    await group.getByTestId('notification-item').first().click();
    await page.waitForURL(`**/clients/${clientId}`, WAIT);
    // Opening the group marks both read on the server; the badge follows once the bell refetches.
    await expect
      .poll(() => page.getByTestId('notification-count').innerText(), WAIT)
      .toBe(String(unreadBefore + 1));
  });
});
