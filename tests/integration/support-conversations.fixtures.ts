import { randomBytes } from 'node:crypto';
import { ApiClient, type TestServer } from '../support/server.js';
import type { OpenInput } from '../../src/modules/support/index.js';

let n = 0;

/** Opens a conversation straight through the service, as the widget or email would. */
export async function openConversation(server: TestServer, over: Partial<OpenInput> = {}) {
  const { conversations, database } = server.ctx;
  return database.db.transaction((tx) =>
    conversations.open(tx, {
      channel: 'chat',
      subject: 'Withdrawal question',
      language: 'en',
      contactName: 'Visitor',
      contactEmail: null,
      actor: { kind: 'customer', name: 'Visitor' },
      ...over,
    }),
  );
}

/** A customer message through the service. */
export async function customerSays(server: TestServer, id: string, body: string, clientMessageId?: string) {
  const { conversations, database } = server.ctx;
  return database.db.transaction((tx) =>
    conversations.addMessage(tx, id, {
      authorKind: 'customer',
      authorName: 'Visitor',
      body,
      clientMessageId: clientMessageId ?? null,
    }),
  );
}

/** A registered trader signed in to the cabinet. */
export async function signedInTrader(server: TestServer, name = 'Siti Rahma') {
  n += 1;
  const email = `trader.${n}.${randomBytes(4).toString('hex')}@example.test`;
  const password = 'correct-horse-battery';
  const { client } = await server.ctx.cabinet.register(
    {
      name,
      email,
      phone: `+62 812 5550 ${String(1000 + n)}`,
      country: 'ID',
      language: 'id',
      password,
      acceptTerms: true,
      acceptRisk: true,
    },
    { ip: `10.88.0.${n}`, userAgent: null },
  );
  const api = new ApiClient(server.app);
  const res = await api.call('POST', '/api/portal/login', { email, password });
  if (res.status !== 200) throw new Error(`trader login failed: ${JSON.stringify(res.body)}`);
  return { clientId: client.id, email, api };
}
