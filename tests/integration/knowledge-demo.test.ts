import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoKnowledge } from '../../src/app/demo-knowledge-seed.js';
import { DEMO_KB_ARTICLES } from '../../src/app/demo-knowledge-articles.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('demo knowledge base', () => {
  it('publishes every demo article in every language once, and each is found by its own title', async () => {
    expect(await seedDemoKnowledge(server.ctx)).toBe(DEMO_KB_ARTICLES.length);
    expect(await seedDemoKnowledge(server.ctx)).toBe(0);
    for (const a of DEMO_KB_ARTICLES)
      for (const [language, t] of Object.entries(a.translations)) {
        const hits = await server.ctx.knowledgeBase.search(t.title, {
          language,
          audience: a.internal ? 'agents' : 'public',
        });
        expect(
          hits.map((h) => h.slug),
          `${a.slug} in ${language}`,
        ).toContain(a.slug);
      }
  });
});
