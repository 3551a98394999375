import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BOT_SETTINGS } from '../../src/modules/support/index.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { botDesk, botVisitor, metricsOf, rowOf, sessionOf } from './support-bot.fixtures.js';

let server: TestServer;
// The knowledge module is built alongside (issue 12): these run once it is in the tree.
const KB_SEED = '../../src/app/demo-knowledge-seed.js';
const withKnowledge = existsSync('src/app/demo-knowledge-seed.ts');
const seedDemoKnowledge = async (ctx: TestServer['ctx']) =>
  ((await import(KB_SEED)) as { seedDemoKnowledge(c: TestServer['ctx']): Promise<number> }).seedDemoKnowledge(
    ctx,
  );

beforeAll(async () => {
  if (!withKnowledge) return;
  server = await startTestServer();
  await seedDemoKnowledge(server.ctx);
  // The default threshold (60).
  await botDesk(server, { threshold: DEFAULT_BOT_SETTINGS.threshold });
});
afterAll(() => server?.close());

describe.skipIf(!withKnowledge)('answers from the knowledge base', () => {
  it('cites the published article in the visitor’s language, says it is a bot, and stays with the chat', async () => {
    const v = await botVisitor(server);
    await v.say('Подскажите, как вывести прибыль со счёта?');
    const answer = await v.last();
    expect(answer).toMatchObject({
      authorKind: 'bot',
      bot: {
        kind: 'answer',
        article: { title: 'Как вывести деньги?', url: '/help/ru/deposits/how-to-withdraw' },
      },
    });
    // The first bot message says it is a bot; the answer quotes the article and offers a person.
    expect(answer.body).toMatch(/^Здравствуйте! Я автоматический помощник — бот, а не человек\./);
    expect(answer.body).toContain('Вывод средств');
    expect(answer.body).toContain('Связаться с человеком');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ state: 'active', answers: 1 });
    expect((await rowOf(server, v.conversationId)).assigneeId).toBeNull();
    // The next answer, in Indonesian when the visitor switches: no second introduction.
    await v.say('Berapa leverage maksimal?');
    const next = await v.last();
    expect(next.bot).toMatchObject({ kind: 'answer', article: { url: '/help/id/trading/leverage' } });
    expect(next.body).not.toContain('bukan manusia');
  });

  it('never cites an internal article', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('What is the PSP reference for a late withdrawal escalation to finance?');
    const last = await v.last();
    expect(last.bot?.article?.url ?? '').not.toContain('/knowledge/');
  });

  it('is resolved by the bot when the visitor thanks it: bot_resolved, CSAT asked', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('How do I reset my cabinet password?');
    expect((await v.last()).bot?.kind).toBe('answer');
    await v.say('Thanks, that helped');
    expect((await v.last()).bot?.kind).toBe('resolved');
    const row = await rowOf(server, v.conversationId);
    expect(row.status).toBe('resolved');
    expect(row.csatRequestedAt).not.toBeNull();
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ state: 'resolved' });
    expect(await metricsOf(server, v.conversationId, 'bot_resolved')).toHaveLength(1);
    expect(await metricsOf(server, v.conversationId, 'handoff')).toHaveLength(0);
    // Writing again reopens it, and the bot takes it up again.
    await v.say('What is a swap?');
    expect((await v.last()).bot).toMatchObject({ kind: 'answer', article: { url: '/help/en/trading/swap' } });
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ state: 'active' });
  });

  it('hands over when the same question comes back twice (the answer did not help)', async () => {
    const v = await botVisitor(server, { language: 'en' });
    await v.say('How do I withdraw money?');
    expect((await v.last()).bot?.kind).toBe('answer');
    await v.say('How can I withdraw my money?');
    expect((await v.last()).bot?.kind).toBe('clarify');
    await v.say('withdraw money how?');
    expect((await v.last()).bot?.kind).toBe('handover');
    expect(await sessionOf(server, v.conversationId)).toMatchObject({ handoverReason: 'failed' });
  });

  it('resolves a chat left idle after its answer (the sweep)', async () => {
    const v = await botVisitor(server, { language: 'ar' });
    await v.say('ما هي أقصى رافعة مالية؟');
    expect((await v.last()).bot?.kind).toBe('answer');
    server.clock.advance(31 * 60_000);
    const swept = await server.ctx.bot.sweep();
    expect(swept.resolved).toBeGreaterThanOrEqual(1);
    expect((await rowOf(server, v.conversationId)).status).toBe('resolved');
    expect(await metricsOf(server, v.conversationId, 'bot_resolved')).toHaveLength(1);
  });
});
