import type { ComplaintServices } from '../modules/complaints/index.js';
import type { ComplaintCategory, ComplaintOutcome, ComplaintProduct } from '../shared/complaints.js';

/** A complaint raised on one of the demo conversations, and how far it got. */
export interface DemoComplaint {
  category: ComplaintCategory;
  product: ComplaintProduct;
  /** Minor units of `currency`. */
  amountAtStake: number;
  currency: 'USD' | 'EUR' | 'GBP';
  desiredOutcome: string;
  description: string;
  /** Taken to the team lead, with this reason. */
  escalate?: string;
  /** Answered with the final response letter. */
  finalResponse?: { outcome: ComplaintOutcome; body: string; redressAmount?: number };
}

export interface SeededComplaint {
  conversationId: string;
  receivedAt: Date;
  /** The agent who raises it (and answers it, in the demo). */
  staffId: string;
  account: string;
  spec: DemoComplaint;
}

const allPermissions = new Set<string>(['complaints.handle', 'complaints.register']);

/**
 * The demo's complaints, raised by their conversation's agent through the complaints service as the
 * agent would from the inbox: one open and escalated to the team lead, one answered with its letter.
 * Run by the support seed right after its conversations, so it fills a desk once.
 */
export async function seedDemoComplaints(
  complaints: ComplaintServices,
  seeded: readonly SeededComplaint[],
): Promise<void> {
  for (const s of seeded) {
    const staff = {
      id: s.staffId,
      ip: null,
      viewer: { id: s.staffId, teamId: null, scope: 'all' as const, permissions: allPermissions },
    };
    const { spec } = s;
    const id = await complaints.service.raise(staff, {
      conversationId: s.conversationId,
      category: spec.category,
      product: spec.product,
      account: s.account,
      amountAtStake: spec.amountAtStake,
      currency: spec.currency,
      desiredOutcome: spec.desiredOutcome,
      description: spec.description,
      receivedAt: s.receivedAt,
    });
    if (spec.escalate) await complaints.service.escalate(staff, id, spec.escalate);
    if (spec.finalResponse)
      await complaints.letters.send(staff, id, {
        outcome: spec.finalResponse.outcome,
        redressAmount: spec.finalResponse.redressAmount ?? null,
        redressCurrency: spec.finalResponse.redressAmount ? spec.currency : null,
        body: spec.finalResponse.body,
      });
  }
}
