import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { seedDemoKnowledge } from '../../src/app/demo-knowledge-seed.js';
import { DEMO_KB_ARTICLES, DEMO_KB_CATEGORIES } from '../../src/app/demo-knowledge-articles.js';
import { createStaff, startTestServer, type TestServer } from '../support/server.js';
import { describeViolations, seriousViolations } from './axe.js';
import { browserAvailable, launchBrowser, screenshot } from './browser.js';

const WAIT = { timeout: 20_000 };

// Issue 12, the help centre in Chromium: the server-rendered pages in each language (Arabic right to
// left), no serious axe violation on them or on the staff pages, and an editor's article going live:
// written and published in the workspace, then read in the help centre.
describe.skipIf(!browserAvailable())('the help centre, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let visitor: Page;
  let staff: Page;
  const dialogs: string[] = [];
  const article = DEMO_KB_ARTICLES.find((a) => !a.internal)!;

  const axeClean = async (page: Page, where: string) => {
    const violations = await seriousViolations(page);
    expect(violations.length, describeViolations(where, violations)).toBe(0);
  };

  beforeAll(async () => {
    server = await startTestServer({ web: true });
    await seedDemoKnowledge(server.ctx);
    browser = await launchBrowser();
    visitor = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    staff = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    for (const p of [visitor, staff])
      p.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('renders the index, a category, an article and search in every language, Arabic right to left, axe clean', async () => {
    for (const language of ['en', 'ru', 'id', 'ar'] as const) {
      const t = article.translations[language];
      await visitor.goto(`${server.url}/help/${language}`);
      expect(await visitor.getAttribute('html', 'lang')).toBe(language);
      expect(await visitor.getAttribute('html', 'dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
      await visitor.getByRole('link', { name: t.title }).first().waitFor(WAIT);
      await axeClean(visitor, `/help/${language}`);

      await visitor.getByRole('link', { name: t.title }).first().click();
      await visitor.getByRole('heading', { level: 1, name: t.title }).waitFor(WAIT);
      expect(visitor.url()).toBe(`${server.url}/help/${language}/${article.category}/${article.slug}`);
      expect(await visitor.title()).toContain(t.title);
      await axeClean(visitor, `article ${language}`);
      if (language === 'ar') await screenshot(visitor, 'help-article-ar');

      const category = DEMO_KB_CATEGORIES.find((c) => c.slug === article.category)!;
      await visitor.getByRole('link', { name: category.names[language] }).first().click();
      await visitor.getByRole('heading', { level: 1, name: category.names[language] }).waitFor(WAIT);
      await axeClean(visitor, `category ${language}`);

      await visitor.getByRole('searchbox').fill(t.title);
      await visitor.getByRole('searchbox').press('Enter');
      await visitor.locator('.results a', { hasText: t.title }).first().waitFor(WAIT);
      // Matches in the body are marked (Russian's title words stem differently from the body's here).
      if (language !== 'ru') expect(await visitor.locator('.results mark').count()).toBeGreaterThan(0);
      await axeClean(visitor, `search ${language}`);
    }
    // The direction is the page's, so the Arabic layout mirrors: the brand sits on the right.
    await visitor.goto(`${server.url}/help/ar`);
    const box = await visitor.locator('.brand').boundingBox();
    expect(box!.x).toBeGreaterThan(640);
    await screenshot(visitor, 'help-index-ar');
  });

  it('takes "was this helpful?" and thanks the reader', async () => {
    await visitor.goto(`${server.url}/help/en/${article.category}/${article.slug}`);
    await visitor.getByRole('button', { name: 'Yes' }).click();
    await visitor.getByRole('status').filter({ hasText: 'Thank you for your feedback.' }).waitFor(WAIT);
  });

  it('an editor writes and publishes an article in the workspace, and it appears in the help centre', async () => {
    const editor = await createStaff(server.ctx, 'support_agent', { name: 'Kira Knowledge' });
    await staff.goto(`${server.url}/login`);
    await staff.getByTestId('login-email').fill(editor.email);
    await staff.getByTestId('login-password').fill(editor.password);
    await staff.getByTestId('login-submit').click();
    await staff.getByTestId('main-nav').waitFor(WAIT);
    await staff.getByRole('link', { name: 'Knowledge base' }).click();
    await staff.getByTestId('kb-row').first().waitFor(WAIT);
    await axeClean(staff, 'knowledge list');
    await screenshot(staff, 'knowledge-list');

    await staff.getByTestId('kb-new').click();
    await staff.getByTestId('kb-create-category').click();
    await staff.getByRole('option').first().click();
    await staff.getByTestId('kb-create-slug').fill('weekend-trading');
    await staff.getByTestId('kb-create-submit').click();
    await staff.getByTestId('kb-editor').waitFor(WAIT);
    await staff.getByTestId('kb-tab-en').click();
    const form = staff.getByTestId('kb-form-en');
    await form.getByTestId('kb-title').fill('Can I trade at the weekend?');
    await form
      .getByTestId('kb-body')
      .fill(
        '<p>Crypto CFDs trade at the weekend; <b>forex</b> closes on Friday night.</p><script>alert(1)</script>',
      );
    await form.getByTestId('kb-save').click();
    await form.getByTestId('kb-publish').click();
    await form.getByTestId('kb-status').filter({ hasText: 'version 1' }).waitFor(WAIT);
    await axeClean(staff, 'knowledge editor');
    await screenshot(staff, 'knowledge-editor');

    await visitor.goto(`${server.url}/help/en/search?q=weekend`);
    await visitor.getByRole('link', { name: 'Can I trade at the weekend?' }).click();
    await visitor.getByRole('heading', { level: 1, name: 'Can I trade at the weekend?' }).waitFor(WAIT);
    expect(await visitor.locator('article .body b').textContent()).toBe('forex');
    expect(await visitor.locator('article script').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Retired: unpublished, then deleted from the editor; the list no longer has it.
    const remove = staff.getByTestId('kb-delete');
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    await form.getByTestId('kb-unpublish').click();
    await form.getByTestId('kb-status').filter({ hasText: 'Not published' }).waitFor(WAIT);
    await staff.locator('[data-testid="kb-delete"][aria-disabled="false"]').click();
    const confirm = staff.getByRole('dialog', { name: 'Delete this article?' });
    await confirm.waitFor(WAIT);
    await axeClean(staff, 'knowledge delete');
    await screenshot(staff, 'knowledge-delete');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await staff.getByTestId('kb-row').first().waitFor(WAIT);
    expect(await staff.getByText('Can I trade at the weekend?').count()).toBe(0);
    expect((await visitor.goto(`${server.url}/help/en/search?q=weekend`))?.status()).toBe(200);
    expect(await visitor.getByRole('link', { name: 'Can I trade at the weekend?' }).count()).toBe(0);
  });
});
