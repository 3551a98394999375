import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { conversationMessages, supportAttachments } from '../../src/db/schema.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { describeViolations, seriousViolations } from './axe.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 20_000 };
// The smallest valid PNG (1×1).
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

// The inbox's composer uploads (progress, refusals shown per file, the files on the sent message with
// download links) and the snooze menu (a preset and a picked time, shown on the conversation).
describe.skipIf(!browserAvailable())('attachments and snooze in the inbox, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let conversationId = '';

  beforeAll(async () => {
    server = await startTestServer({ web: true, env: { SUPPORT_ATTACHMENT_MAX_MB: '1' } });
    browser = await launchBrowser();
    const agent = await createStaff(server.ctx, 'support_agent', { name: 'Sara Support' });
    const conv = await server.ctx.database.db.transaction(async (tx) => {
      const row = await server.ctx.conversations.open(tx, {
        channel: 'email',
        subject: 'Proof of address',
        contactName: 'Eve',
        contactEmail: 'eve@example.test',
        language: 'en',
        actor: { kind: 'customer', name: 'Eve' },
      });
      await server.ctx.conversations.addMessage(tx, row.id, {
        authorKind: 'customer',
        body: 'Which documents do you need?',
      });
      return row;
    });
    conversationId = conv.id;
    page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByTestId('login-email').fill(agent.email);
    await page.getByTestId('login-password').fill(agent.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('main-nav').waitFor(WAIT);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('attaches a file to a reply, refuses a disguised and an oversized one by name, links the sent file', async () => {
    await page.goto(`${server.url}/support?view=all&c=${conversationId}`);
    await page.getByTestId('composer').waitFor(WAIT);
    await page.getByTestId('attach-input').setInputFiles([
      { name: 'checklist.png', mimeType: 'image/png', buffer: PNG },
      {
        name: 'invoice.png',
        mimeType: 'image/png',
        buffer: Buffer.from('<!DOCTYPE html><script>alert(1)</script>'),
      },
      { name: 'scan.png', mimeType: 'image/png', buffer: Buffer.concat([PNG, Buffer.alloc(1_100_000, 1)]) },
    ]);
    const uploads = page.getByTestId('upload');
    await page.locator('[data-testid="upload"][data-state="done"]').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('upload-error').count(), WAIT).toBe(2);
    const errors = await page.getByTestId('upload-error').allInnerTexts();
    expect(errors.find((e) => e.startsWith('invoice.png'))).toContain('this type is not accepted');
    expect(errors.find((e) => e.startsWith('scan.png'))).toContain('files up to 1 MB');
    await screenshot(page, 'support-composer-uploads');
    const withFiles = await seriousViolations(page);
    expect(withFiles, describeViolations('composer with files', withFiles)).toEqual([]);
    // The refused ones are dropped from the message; only the stored one goes with it.
    await page.getByRole('button', { name: 'Remove invoice.png' }).click();
    await page.getByRole('button', { name: 'Remove scan.png' }).click();
    await expect(uploads.count()).resolves.toBe(1);
    await page.getByTestId('composer').fill('Here is the checklist.');
    await page.getByTestId('send').click();
    const link = page.getByRole('log').getByRole('link', { name: /checklist\.png/ });
    await link.waitFor(WAIT);
    await expect(uploads.count()).resolves.toBe(0);
    const [row] = await server.ctx.database.db
      .select()
      .from(supportAttachments)
      .where(eq(supportAttachments.conversationId, conversationId));
    expect(row).toMatchObject({ fileName: 'checklist.png', mimeType: 'image/png' });
    expect(row!.messageId).not.toBeNull();
    await expect(link.getAttribute('href')).resolves.toBe(`/api/support/attachments/${row!.id}`);
    const download = await page.evaluate(async (href) => {
      const res = await fetch(href);
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        size: (await res.arrayBuffer()).byteLength,
      };
    }, `/api/support/attachments/${row!.id}`);
    expect(download).toEqual({ status: 200, type: 'image/png', size: PNG.length });
  });

  it('snoozes for an hour from the menu and until a picked time, shown on the conversation', async () => {
    const before = Date.now();
    await page.getByTestId('snooze').click();
    await page.getByTestId('snooze-hour').click();
    await page.getByTestId('snoozed-until').waitFor(WAIT);
    const conv = await server.ctx.conversations.get(server.ctx.database.db, conversationId);
    expect(conv.status).toBe('snoozed');
    const hour = conv.snoozedUntil!.getTime() - before;
    expect(hour).toBeGreaterThan(58 * 60_000);
    expect(hour).toBeLessThanOrEqual(60 * 60_000);
    await screenshot(page, 'support-snoozed');
    const snoozed = await seriousViolations(page);
    expect(snoozed, describeViolations('snoozed conversation', snoozed)).toEqual([]);

    // A picked time: the dialog starts at tomorrow 9:00; submitting it re-snoozes.
    await page.getByTestId('snooze').click();
    await page.getByTestId('snooze-custom').click();
    await page.getByTestId('snooze-submit').click();
    await expect
      .poll(
        async () =>
          (
            await server.ctx.conversations.get(server.ctx.database.db, conversationId)
          ).snoozedUntil?.getHours(),
        WAIT,
      )
      .toBe(9);
    // Woken by hand: open again, the badge gone.
    await page.getByTestId('snooze').click();
    await page.getByTestId('snooze-wake').click();
    await expect.poll(() => page.getByTestId('snoozed-until').count(), WAIT).toBe(0);
    expect((await server.ctx.conversations.get(server.ctx.database.db, conversationId)).status).toBe('open');
  });

  it('lets a widget visitor send a file into their chat and refuses a disguised one in the chat’s language', async () => {
    const visitor = await (await browser.newContext({ locale: 'id-ID' })).newPage();
    await visitor.goto(`${server.url}/widget-test.html`);
    await visitor.getByRole('button', { name: 'Chat dengan dukungan' }).click();
    const form = visitor.locator('.bdw-pre');
    await form.locator('#bdw-name').fill('Dewi');
    await form.getByRole('button', { name: 'Mulai chat' }).click();
    const input = visitor.getByLabel('Pesan', { exact: true });
    await input.fill('Ini mutasi rekening saya');
    await input.press('Enter');
    const log = visitor.locator('.bdw-log');
    await log.locator('li[data-seq="1"]').waitFor(WAIT);
    const attach = visitor.getByRole('button', { name: 'Lampirkan berkas' });
    await attach.waitFor(WAIT);
    const violations = await seriousViolations(visitor);
    expect(violations, describeViolations('widget chat with the attach button', violations)).toEqual([]);

    const files = visitor.locator('.bdw-composer input[type="file"]');
    await files.setInputFiles({
      name: 'mutasi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('date,amount\n2026-12-01,500\n'),
    });
    // The file comes back over the socket on a message of its own, with a download button.
    const download = log.getByRole('button', { name: 'Unduh mutasi.csv' });
    await download.waitFor(WAIT);
    const [stored] = await server.ctx.database.db
      .select({
        conversationId: supportAttachments.conversationId,
        mimeType: supportAttachments.mimeType,
        messageId: supportAttachments.messageId,
      })
      .from(supportAttachments)
      .where(eq(supportAttachments.fileName, 'mutasi.csv'));
    expect(stored).toMatchObject({ mimeType: 'text/csv' });
    const [message] = await server.ctx.database.db
      .select()
      .from(conversationMessages)
      .where(eq(conversationMessages.id, stored!.messageId!));
    expect(message).toMatchObject({
      authorKind: 'customer',
      authorName: 'Dewi',
      conversationId: stored!.conversationId,
    });
    const saved = visitor.waitForEvent('download');
    await download.click();
    expect((await saved).suggestedFilename()).toBe('mutasi.csv');

    await files.setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await visitor.locator('.bdw-notice', { hasText: 'photo.png tidak bisa dikirim' }).waitFor(WAIT);
    await screenshot(visitor, 'support-widget-upload');
    expect(
      await server.ctx.database.db
        .select()
        .from(supportAttachments)
        .where(eq(supportAttachments.fileName, 'photo.png')),
    ).toEqual([]);
  });
});
