import type { ClientStatus } from './schema.js';

/**
 * Client status is a function of what happened, never an edit: a cabinet or demo account makes a lead
 * Demo, a live trading account makes anyone Live, and nothing moves a client back.
 */
export type StatusTrigger = 'cabinet_registered' | 'demo_account_opened' | 'live_account_opened';

const RANK: Record<ClientStatus, number> = { lead: 0, demo: 1, live: 2 };
const TARGET: Record<StatusTrigger, ClientStatus> = {
  cabinet_registered: 'demo',
  demo_account_opened: 'demo',
  live_account_opened: 'live',
};

export function nextStatus(current: ClientStatus, trigger: StatusTrigger): ClientStatus {
  const target = TARGET[trigger];
  return RANK[target] > RANK[current] ? target : current;
}
