import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { clients } from '../../src/db/schema.js';
import { ApiClient, createStaff, type TestServer } from '../support/server.js';
import { signedInTrader } from './support-conversations.fixtures.js';

export const system = { id: null, ip: null };
export const uniq = () => randomBytes(4).toString('hex');

/** A support team with a lead (signed in) and a support agent in it (signed in). */
export async function deskTeam(server: TestServer) {
  const leadUser = await createStaff(server.ctx, 'team_lead');
  const team = await server.ctx.teams.create(system, {
    name: `Desk ${uniq()}`,
    kind: 'support',
    leadId: leadUser.id,
  });
  const lead = new ApiClient(server.app);
  expect200(await lead.login(leadUser.email, leadUser.password));
  const agentUser = await createStaff(server.ctx, 'support_agent', { teamId: team.id });
  const agent = new ApiClient(server.app);
  expect200(await agent.login(agentUser.email, agentUser.password));
  /** Fresh sessions after the clock moved past their lifetime. */
  const relogin = async () => {
    expect200(await lead.login(leadUser.email, leadUser.password));
    expect200(await agent.login(agentUser.email, agentUser.password));
  };
  return { team, lead, leadUser, agent, agentUser, relogin };
}

function expect200(res: { status: number; body: unknown }) {
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
}

/** A trader (signed in to the cabinet) whose client record belongs to the team (its lead sees it). */
export async function traderOfTeam(server: TestServer, teamId: string | null, language = 'ru') {
  const t = await signedInTrader(server, `Trader ${uniq()}`);
  await server.ctx.database.db
    .update(clients)
    .set({ teamId, managerId: null, language })
    .where(eq(clients.id, t.clientId));
  return t;
}

export const complaintFields = (over: Record<string, unknown> = {}) => ({
  category: 'withdrawal',
  product: 'forex',
  account: '500123',
  amountAtStake: 125_000,
  currency: 'USD',
  desiredOutcome: 'Pay out my withdrawal',
  description: 'My withdrawal of 1,250 USD is pending for two weeks.',
  ...over,
});
