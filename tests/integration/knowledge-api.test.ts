import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, signedIn, signedInAdmin, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: ApiClient;
let agent: ApiClient;
let sales: ApiClient;
let categoryId: string;

const XSS = `<p onclick="alert(1)">Hello <script>alert('x')</script><b>bold</b>
<a href="javascript:alert(1)">bad link</a> <a href="https://example.com/x">good link</a>
<img src="https://evil.example/pixel.gif" alt="beacon"><img src="x" onerror="alert(1)">
<iframe src="https://evil.example"></iframe><style>body{display:none}</style>
<svg onload="alert(1)"><circle r="1"></circle></svg></p>`;

beforeAll(async () => {
  server = await startTestServer();
  ({ api: admin } = await signedInAdmin(server));
  ({ api: agent } = await signedIn(server, 'support_agent'));
  ({ api: sales } = await signedIn(server, 'sales_manager'));
  const res = await agent.call('POST', '/api/knowledge/categories', {
    slug: 'accounts',
    names: { en: 'Accounts', ru: 'Счета', id: 'Akun', ar: 'الحسابات' },
  });
  expect(res.status).toBe(201);
  categoryId = res.body.id;
});
afterAll(() => server?.close());

async function createArticle(
  slug: string,
  translations: { language: string; title: string; body: string }[],
) {
  const res = await agent.call('POST', '/api/knowledge/articles', { categoryId, slug, translations });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('knowledge staff API', () => {
  it('refuses roles without the permission and anonymous callers', async () => {
    expect((await sales.call('GET', '/api/knowledge/articles')).status).toBe(403);
    expect((await sales.call('POST', '/api/knowledge/articles', { categoryId, slug: 'x' })).status).toBe(403);
    expect((await sales.call('GET', '/api/knowledge/search?q=x&language=en')).status).toBe(403);
    expect((await new ApiClient(server.app).call('GET', '/api/knowledge/articles')).status).toBe(401);
    // Languages are desk settings: an agent may write articles but not add a language.
    const lang = { language: 'es', name: 'Español', searchConfig: 'spanish' };
    expect((await agent.call('POST', '/api/knowledge/languages', lang)).status).toBe(403);
  });

  it('answers bad input with a 4xx naming the field, and writes nothing', async () => {
    const bad = async (body: unknown, field: string, code?: string, status = 400) => {
      const res = await agent.call('POST', '/api/knowledge/articles', body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.field).toBe(field);
      if (code) expect(res.body.code).toBe(code);
    };
    await bad({ categoryId, slug: 'Not A Slug' }, 'slug');
    await bad(
      { categoryId: '00000000-0000-4000-8000-000000000000', slug: 'ok' },
      'categoryId',
      'category_unknown',
    );
    await bad(
      { categoryId, slug: 'ok2', translations: [{ language: 'xx', title: 'T', body: 'B' }] },
      'language',
      'language_unknown',
    );
    await bad(
      { categoryId, slug: 'ok3', translations: [{ language: 'en', title: '', body: 'B' }] },
      'translations.0.title',
    );
    const id = await createArticle('taken', [{ language: 'en', title: 'Taken', body: '<p>x</p>' }]);
    await bad({ categoryId, slug: 'taken' }, 'slug', 'slug_taken', 409);
    const list = await agent.call('GET', '/api/knowledge/articles?q=ok');
    expect(list.body.total).toBe(0);
    const empty = await agent.call('PUT', `/api/knowledge/articles/${id}/translations/ru`, {
      title: 'Пусто',
      body: '<p> </p>',
    });
    expect(empty.status).toBe(200);
    const publish = await agent.call('POST', `/api/knowledge/articles/${id}/translations/ru/publish`);
    expect(publish.body).toMatchObject({ code: 'translation_empty', field: 'body' });
    const unpublish = await agent.call('POST', `/api/knowledge/articles/${id}/translations/en/unpublish`);
    expect(unpublish.status).toBe(409);
    const reserved = await agent.call('POST', '/api/knowledge/categories', {
      slug: 'search',
      names: { en: 'S' },
    });
    expect(reserved.body).toMatchObject({ code: 'slug_reserved', field: 'slug' });
    const lang = await admin.call('POST', '/api/knowledge/languages', {
      language: 'es',
      name: 'Español',
      searchConfig: 'klingon',
    });
    expect(lang.body).toMatchObject({ code: 'search_config_unknown', field: 'searchConfig' });
    expect((await agent.call('GET', '/api/knowledge/search?q=&language=en')).body.field).toBe('q');
  });

  it('deletes an article no language publishes; a published one only after unpublishing; audited', async () => {
    const id = await createArticle('to-delete', [
      { language: 'en', title: 'Old fees', body: '<p>Fees we no longer charge.</p>' },
    ]);
    expect((await agent.call('POST', `/api/knowledge/articles/${id}/translations/en/publish`)).status).toBe(
      200,
    );
    expect((await sales.call('DELETE', `/api/knowledge/articles/${id}`)).status).toBe(403);
    const refused = await agent.call('DELETE', `/api/knowledge/articles/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'article_published', languages: ['en'] });
    expect((await agent.call('GET', `/api/knowledge/articles/${id}`)).status).toBe(200);
    const page = await server.app.inject({ method: 'GET', url: '/help/en/accounts/to-delete' });
    expect(page.statusCode).toBe(200);
    await agent.call('POST', `/api/knowledge/articles/${id}/translations/en/unpublish`);
    expect((await agent.call('DELETE', `/api/knowledge/articles/${id}`)).status).toBe(204);
    expect((await agent.call('GET', `/api/knowledge/articles/${id}`)).status).toBe(404);
    expect((await agent.call('DELETE', `/api/knowledge/articles/${id}`)).status).toBe(404);
    expect((await agent.call('GET', '/api/knowledge/articles?q=to-delete')).body.total).toBe(0);
    const bad = await agent.call('DELETE', '/api/knowledge/articles/not-an-id');
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('id');
    const audit = await admin.call('GET', `/api/audit?subjectId=${id}`);
    expect(audit.status).toBe(200);
    const deleted = (audit.body.items as { type: string; payload: unknown }[]).find(
      (e) => e.type === 'knowledge.article_deleted',
    );
    expect(deleted?.payload).toMatchObject({ slug: 'to-delete', titles: { en: 'Old fees' } });
  });

  it('sanitizes article bodies on save and in every answer: no scripts, handlers, remote images or javascript: links', async () => {
    const id = await createArticle('xss-test', [{ language: 'en', title: '<i>Title</i>', body: XSS }]);
    const detail = (await agent.call('GET', `/api/knowledge/articles/${id}`)).body;
    const body = detail.translations[0].body as string;
    for (const bad of [
      '<script',
      'onclick',
      'onerror',
      'onload',
      'javascript:',
      '<iframe',
      '<style',
      '<svg',
      'evil.example',
    ])
      expect(body).not.toContain(bad);
    expect(body).toContain('<b>bold</b>');
    expect(body).toContain('href="https://example.com/x"');
    expect(body).toContain('rel="noopener noreferrer nofollow"');
    await agent.call('POST', `/api/knowledge/articles/${id}/translations/en/publish`);
    const pub = await new ApiClient(server.app).call('GET', '/api/knowledge/public/en/articles/xss-test');
    expect(pub.status).toBe(200);
    expect(pub.body.body).not.toContain('<script');
    const page = await server.app.inject({ url: '/help/en/accounts/xss-test' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>&lt;i&gt;Title&lt;/i&gt;</h1>');
    expect(page.body).not.toMatch(/<script|onerror|onclick|javascript:/);
  });

  it('publishes versions, lists with filters and sorting, and agents find internal articles', async () => {
    const id = await createArticle('margin-call', [
      {
        language: 'en',
        title: 'What is a margin call?',
        body: '<p>When equity falls below the margin level…</p>',
      },
      {
        language: 'ru',
        title: 'Что такое маржин-колл?',
        body: '<p>Когда средства падают ниже уровня маржи…</p>',
      },
    ]);
    expect((await agent.call('POST', `/api/knowledge/articles/${id}/translations/en/publish`)).body).toEqual({
      version: 1,
    });
    await agent.call('PUT', `/api/knowledge/articles/${id}/translations/en`, {
      title: 'What is a margin call?',
      body: '<p>When equity falls below the required margin level, the broker warns you.</p>',
    });
    expect((await agent.call('POST', `/api/knowledge/articles/${id}/translations/en/publish`)).body).toEqual({
      version: 2,
    });
    const detail = (await agent.call('GET', `/api/knowledge/articles/${id}`)).body;
    expect(
      detail.translations.map((t: { language: string; publishedVersion: number | null }) => [
        t.language,
        t.publishedVersion,
      ]),
    ).toEqual([
      ['en', 2],
      ['ru', null],
    ]);
    const versions = (await agent.call('GET', `/api/knowledge/articles/${id}/versions`)).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const published = (await agent.call('GET', '/api/knowledge/articles?status=published&language=ru')).body;
    expect(published.items.map((a: { slug: string }) => a.slug)).not.toContain('margin-call');
    const drafts = (
      await agent.call('GET', '/api/knowledge/articles?status=draft&language=ru&sort=title&order=asc')
    ).body;
    expect(drafts.items.map((a: { slug: string }) => a.slug)).toContain('margin-call');
    const paged = (await agent.call('GET', '/api/knowledge/articles?sort=slug&order=asc&pageSize=1&page=2'))
      .body;
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThan(1);

    const patch = await agent.call('PATCH', `/api/knowledge/articles/${id}`, { internal: true });
    expect(patch.body.internal).toBe(true);
    const hits = (await agent.call('GET', '/api/knowledge/search?q=margin&language=en')).body.items;
    expect(hits[0]).toMatchObject({ slug: 'margin-call', internal: true });
    const pub = (await new ApiClient(server.app).call('GET', '/api/knowledge/public/en/search?q=margin')).body
      .items;
    expect(pub).toEqual([]);
    expect((await server.app.inject({ url: '/help/en/accounts/margin-call' })).statusCode).toBe(404);
  });

  it('stores images sniffed from their bytes and refuses anything else', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = (bytes: Buffer, name: string) => {
      const boundary = 'kbboundary';
      const payload = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return server.app.inject({
        method: 'POST',
        url: '/api/knowledge/files',
        headers: { cookie: agent.jar.header(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
    };
    const ok = await upload(png, 'dot.png');
    expect(ok.statusCode).toBe(201);
    const file = ok.json();
    expect(file).toMatchObject({ mimeType: 'image/png', size: png.length });
    const served = await server.app.inject({ url: file.url });
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    const html = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'x.png');
    expect(html.statusCode).toBe(415);
    expect(html.json()).toMatchObject({ code: 'file_type_refused', field: 'file' });
    // The body may show this site's image, and nothing else.
    const id = await createArticle('with-image', [
      { language: 'en', title: 'Image', body: `<p><img src="${file.url}" alt="dot"></p>` },
    ]);
    const body = (await agent.call('GET', `/api/knowledge/articles/${id}`)).body.translations[0].body;
    expect(body).toContain(`<img src="${file.url}" alt="dot" />`);
  });
});

describe('help centre pages and public JSON', () => {
  beforeAll(async () => {
    const id = await createArticle('open-account', [
      {
        language: 'en',
        title: 'Opening an account',
        body: '<p>Register in the cabinet and open a live account.</p>',
      },
      { language: 'ar', title: 'فتح حساب', body: '<p>سجّل في الحساب الشخصي وافتح حسابًا حقيقيًا.</p>' },
    ]);
    for (const l of ['en', 'ar'])
      await agent.call('POST', `/api/knowledge/articles/${id}/translations/${l}/publish`);
  });

  it('renders the article page with lang/dir, title, description, canonical and hreflang links', async () => {
    const res = await server.app.inject({ url: '/help/ar/accounts/open-account' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="ar" dir="rtl">');
    expect(res.body).toContain('<title>فتح حساب — مركز المساعدة</title>');
    expect(res.body).toMatch(/<meta name="description" content="سجّل في الحساب/);
    const base = server.ctx.config.baseUrl.replace(/\/$/, '');
    expect(res.body).toContain(`<link rel="canonical" href="${base}/help/ar/accounts/open-account">`);
    expect(res.body).toContain(
      `<link rel="alternate" hreflang="en" href="${base}/help/en/accounts/open-account">`,
    );
    expect(res.body).toContain(
      `<link rel="alternate" hreflang="x-default" href="${base}/help/en/accounts/open-account">`,
    );
    const en = await server.app.inject({ url: '/help/en/accounts/open-account' });
    expect(en.body).toContain('<html lang="en" dir="ltr">');
  });

  it('renders the index, category and search pages, and 404s as HTML', async () => {
    const index = await server.app.inject({ url: '/help/en' });
    expect(index.body).toContain('href="/help/en/accounts/open-account"');
    const category = await server.app.inject({ url: '/help/en/accounts' });
    expect(category.body).toContain('<h1>Accounts</h1>');
    const search = await server.app.inject({
      url: `/help/en/search?q=${encodeURIComponent('<b>register</b>')}`,
    });
    expect(search.body).toContain('<mark>Register</mark>');
    expect(search.body).toContain('value="&lt;b&gt;register&lt;/b&gt;"');
    for (const url of [
      '/help/xx',
      '/help/en/nope',
      '/help/en/accounts/nope',
      '/help/en/accounts/xss-test/..',
      '/help/files/nope',
    ]) {
      const res = await server.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
    }
    expect((await server.app.inject({ url: '/help/en/nope' })).headers['content-type']).toContain(
      'text/html',
    );
    const redirect = await server.app.inject({
      url: '/help',
      headers: { 'accept-language': 'ar-EG,ar;q=0.9,en;q=0.5' },
    });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/help/ar');
  });

  it('counts "was this helpful?" once per visitor a day, from the form and the JSON route', async () => {
    const form = (helpful: string) =>
      server.app.inject({
        method: 'POST',
        url: '/help/en/accounts/open-account/feedback',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `helpful=${helpful}`,
      });
    const first = await form('yes');
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/help/en/accounts/open-account?feedback=thanks');
    await form('yes');
    const pub = await new ApiClient(server.app).call('GET', '/api/knowledge/public/en/articles/open-account');
    const json = await new ApiClient(server.app).call(
      'POST',
      `/api/knowledge/public/articles/${pub.body.id}/feedback`,
      {
        language: 'en',
        helpful: false,
      },
    );
    expect(json.status).toBe(204);
    const detail = (await agent.call('GET', `/api/knowledge/articles/${pub.body.id}`)).body;
    // One visitor (one address) today: the last answer counts.
    expect(detail.feedback).toEqual({ en: { helpful: 0, notHelpful: 1 } });
    const list = (await agent.call('GET', '/api/knowledge/articles?sort=notHelpful&order=desc')).body.items;
    expect(list[0]).toMatchObject({ slug: 'open-account', notHelpful: 1 });
    const unknown = await new ApiClient(server.app).call(
      'POST',
      `/api/knowledge/public/articles/${pub.body.id}/feedback`,
      {
        language: 'ru',
        helpful: true,
      },
    );
    expect(unknown.status).toBe(404);
  });

  it('serves the widget and cabinet the public index and articles as JSON', async () => {
    const index = await new ApiClient(server.app).call('GET', '/api/knowledge/public/ar');
    expect(index.status).toBe(200);
    expect(index.headers['access-control-allow-origin']).toBe('*');
    const cat = index.body.categories.find((c: { slug: string }) => c.slug === 'accounts');
    expect(cat.name).toBe('الحسابات');
    expect(cat.articles.map((a: { slug: string }) => a.slug)).toEqual(['open-account']);
    expect((await new ApiClient(server.app).call('GET', '/api/knowledge/public/xx')).status).toBe(400);
    const a = (await new ApiClient(server.app).call('GET', '/api/knowledge/public/en/articles/open-account'))
      .body;
    expect(a).toMatchObject({
      title: 'Opening an account',
      languages: ['ar', 'en'],
      url: '/help/en/accounts/open-account',
    });
  });

  it('lets an admin add a language, which then takes articles and search', async () => {
    const res = await admin.call('POST', '/api/knowledge/languages', {
      language: 'es',
      name: 'Español',
      searchConfig: 'spanish',
    });
    expect(res.status).toBe(201);
    const id = await createArticle('retiros', [
      { language: 'es', title: 'Cómo retirar fondos', body: '<p>Los retiros se procesan en un día.</p>' },
    ]);
    await agent.call('POST', `/api/knowledge/articles/${id}/translations/es/publish`);
    const hits = (await new ApiClient(server.app).call('GET', '/api/knowledge/public/es/search?q=retiro'))
      .body.items;
    expect(hits[0]).toMatchObject({ slug: 'retiros', matchedBy: 'fulltext' });
    const page = await server.app.inject({ url: '/help/es/accounts/retiros' });
    expect(page.body).toContain('<html lang="es" dir="ltr">');
  });
});
