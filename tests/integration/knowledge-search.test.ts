import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { publishedArticle, SYSTEM } from './knowledge.fixtures.js';

let server: TestServer;

const search = (q: string, language: string, audience: 'public' | 'agents' = 'public') =>
  server.ctx.knowledgeBase.search(q, { language, audience });
const slugs = async (q: string, language: string, audience: 'public' | 'agents' = 'public') =>
  (await search(q, language, audience)).map((h) => h.slug);

beforeAll(async () => {
  server = await startTestServer();
  await publishedArticle(server, 'withdraw-funds', {
    en: {
      title: 'How do I withdraw funds?',
      body: '<p>Withdrawals are processed within one business day. Choose <b>Withdraw</b> in the cabinet.</p>',
      keywords: 'cash out, take money out',
    },
    ru: {
      title: 'Как вывести средства?',
      body: '<p>Вывод средств обрабатывается в течение одного рабочего дня. Выберите <b>Вывод</b> в кабинете.</p>',
      keywords: 'снять деньги',
    },
    id: {
      title: 'Bagaimana cara penarikan dana?',
      body: '<p>Pembayaran penarikan diproses dalam satu hari kerja.</p>',
      keywords: 'ambil uang',
    },
    ar: {
      title: 'كيف أسحب الأموال؟',
      body: '<p>تتم معالجة طلبات السحب خلال يوم عمل واحد.</p>',
      keywords: 'سحب الأموال',
    },
  });
  await publishedArticle(server, 'top-up-account', {
    en: {
      title: 'Topping up your account',
      body: '<p>Deposits by card are credited within minutes. Bank wires take up to three days.</p>',
    },
    ru: {
      title: 'Пополнение счёта',
      body: '<p>Пополнение банковской картой зачисляется за несколько минут.</p>',
    },
    id: {
      title: 'Mengisi saldo akun',
      body: '<p>Setoran dengan kartu masuk dalam beberapa menit. Anda dapat membayar dengan transfer bank.</p>',
    },
    ar: { title: 'الإيداع في حسابك', body: '<p>تُضاف إيداعات البطاقة خلال دقائق.</p>' },
  });
  await publishedArticle(
    server,
    'chargeback-playbook',
    { en: { title: 'Chargeback playbook', body: '<p>Escalate disputed card deposits to finance.</p>' } },
    { internal: true },
  );
});
afterAll(() => server?.close());

describe('knowledge search', () => {
  it('finds English stemmed forms, ranked, with a highlighted and escaped snippet', async () => {
    const hits = await search('withdrawing', 'en');
    expect(hits[0]).toMatchObject({ slug: 'withdraw-funds', matchedBy: 'fulltext', coverage: 1 });
    expect(hits[0]!.rank).toBeGreaterThan(0);
    expect(hits[0]!.snippet).toMatch(/<mark>Withdrawals<\/mark>/);
    expect(hits[0]!.url).toBe('/help/en/general/withdraw-funds');
    expect(hits[0]!.summary).toBe(
      'Withdrawals are processed within one business day. Choose Withdraw in the cabinet.',
    );
  });

  it('finds Russian case endings (счёта, пополнением) and ё written as е', async () => {
    expect(await slugs('пополнением счета', 'ru')).toEqual(['top-up-account']);
    expect((await slugs('вывода средств', 'ru'))[0]).toBe('withdraw-funds');
    expect(await slugs('пополнить', 'ru')).not.toContain('withdraw-funds');
  });

  it('finds Indonesian affixed forms (membayar → pembayaran, dibayarkan)', async () => {
    const found = await slugs('dibayarkan', 'id');
    expect(found).toContain('withdraw-funds');
    expect(found).toContain('top-up-account');
    expect((await slugs('menarik dana', 'id'))[0]).toBe('withdraw-funds');
  });

  it('finds Arabic forms with and without the article and hamza (الإيداع, ايداع)', async () => {
    expect((await slugs('ايداع', 'ar'))[0]).toBe('top-up-account');
    expect((await slugs('السحب', 'ar'))[0]).toBe('withdraw-funds');
  });

  it('falls back to trigrams for typos and reports it', async () => {
    const [hit] = await search('withdrawl', 'en');
    expect(hit).toMatchObject({ slug: 'withdraw-funds', matchedBy: 'trigram', rank: 0 });
    expect(hit!.similarity).toBeGreaterThan(0.3);
    expect((await slugs('вывисти', 'ru'))[0]).toBe('withdraw-funds');
    expect((await slugs('penarikn', 'id'))[0]).toBe('withdraw-funds');
  });

  it('ranks the article that covers the query above one that shares a word', async () => {
    const hits = await search('card deposit credited', 'en');
    expect(hits[0]!.slug).toBe('top-up-account');
    expect(hits[0]!.coverage).toBe(1);
  });

  it('keeps internal articles from the public and shows them to agents at the staff path', async () => {
    expect(await slugs('chargeback', 'en')).toEqual([]);
    const [hit] = await search('chargeback', 'en', 'agents');
    expect(hit).toMatchObject({ slug: 'chargeback-playbook', internal: true });
    expect(hit!.url).toMatch(/^\/knowledge\/articles\/[0-9a-f-]{36}\?language=en$/);
  });

  it('searches only published translations: a draft change is not found until published, unpublish removes it', async () => {
    const { id } = await publishedArticle(server, 'swap-fees', {
      en: { title: 'Swap fees', body: '<p>Overnight positions pay a swap.</p>' },
    });
    await server.ctx.knowledgeArticles.saveDraft(SYSTEM, id, 'en', {
      title: 'Swap fees',
      body: '<p>Overnight positions pay a rollover.</p>',
    });
    expect(await slugs('rollover', 'en')).toEqual([]);
    const { version } = await server.ctx.knowledgeArticles.publish(SYSTEM, id, 'en');
    expect(version).toBe(2);
    expect(await slugs('rollover', 'en')).toEqual(['swap-fees']);
    await server.ctx.knowledgeArticles.unpublish(SYSTEM, id, 'en');
    expect(await slugs('swap', 'en')).toEqual([]);
  });

  it('treats markup and operators in the query as words, and answers nothing for stop words or unknown languages', async () => {
    expect(await slugs('<b>withdraw</b> & | ! :*', 'en')).toContain('withdraw-funds');
    expect(await slugs("'withdraw\\'", 'en')).toContain('withdraw-funds');
    expect(await search('the', 'en')).toEqual([]);
    expect(await search('withdraw', 'xx')).toEqual([]);
    expect(await search('   ', 'en')).toEqual([]);
  });

  it('escapes what the body says about markup in snippets', async () => {
    await publishedArticle(server, 'html-tips', {
      en: { title: 'Formatting tips', body: '<p>Type &lt;script&gt; formatting tips freely.</p>' },
    });
    const [hit] = await search('formatting', 'en');
    expect(hit!.snippet).toContain('&lt;script&gt;');
    expect(hit!.snippet).not.toContain('<script');
  });
});
