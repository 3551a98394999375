import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import { badRequest, conflict, notFound } from '../../core/errors.js';
import type { Viewer } from '../../core/events.js';
import type { Db } from '../../db/connection.js';
import { clientRef } from '../clients/index.js';
import { staffById } from '../identity/index.js';
import type { ComplaintService, StaffActor } from './complaint-service.js';
import type { FinalResponseInput } from './contracts.js';
import { appendComplaintEvent } from './events.js';
import { renderLetter } from './letter-pdf.js';
import { finalResponseMail } from './mails.js';
import type { Integrations } from './ports.js';
import { complaintLetters, complaints } from './schema.js';

/**
 * The final response: the letter rendered from the template in the client's language as a PDF (kept in
 * complaint_letters with its SHA-256), mailed to the client, the outcome and redress recorded and the
 * deadlines stopped — one transaction with its event. The PDF is made before the transaction (no row
 * lock held while rendering) and the complaint is checked again under its lock.
 */
export class FinalResponses {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly service: ComplaintService,
    private readonly io: Integrations,
  ) {}

  async send(staff: StaffActor, id: string, input: FinalResponseInput): Promise<void> {
    const redress = input.redressAmount ?? 0;
    if (redress > 0 && !input.redressCurrency)
      throw badRequest('redress_currency_required', 'Give the currency of the redress', 'redressCurrency');
    if (redress > 0 && input.outcome === 'rejected')
      throw badRequest('redress_on_rejected', 'A complaint not upheld carries no redress', 'redressAmount');
    const before = await this.db.transaction((tx) => this.service.lockVisible(tx, staff.viewer, id));
    if (before.c.status !== 'open')
      throw conflict('already_responded', 'The final response was sent already');
    const signer = await staffById(this.db, staff.id);
    const now = this.clock.now();
    const pdf = await renderLetter({
      language: before.c.language,
      jurisdiction: before.c.jurisdiction,
      firmCode: before.c.firmCode,
      reference: before.c.reference,
      clientName: before.client.name,
      account: before.c.account,
      category: before.c.category,
      outcome: input.outcome,
      redressAmount: redress || null,
      redressCurrency: redress ? input.redressCurrency : null,
      receivedAt: before.c.receivedAt,
      sentAt: now,
      timeZone: before.c.timeZone,
      body: input.body,
      signedBy: signer?.name ?? '',
    });
    await this.db.transaction(async (tx) => {
      const { c, client } = await this.service.lockVisible(tx, staff.viewer, id);
      if (c.status !== 'open') throw conflict('already_responded', 'The final response was sent already');
      const [letter] = await tx
        .insert(complaintLetters)
        .values({
          complaintId: id,
          language: c.language,
          fileName: `${c.reference}-final-response.pdf`,
          pdf,
          sha256: createHash('sha256').update(pdf).digest('hex'),
          size: pdf.length,
          mailedTo: client.email,
          createdById: staff.id,
          createdAt: now,
        })
        .returning({ id: complaintLetters.id, fileName: complaintLetters.fileName });
      const done = {
        status: 'responded' as const,
        outcome: input.outcome,
        redressAmount: redress || null,
        redressCurrency: redress ? input.redressCurrency : null,
        finalResponseAt: now,
        acknowledgedAt: c.acknowledgedAt ?? now,
        nextWarningAt: null,
        updatedAt: now,
      };
      await tx.update(complaints).set(done).where(eq(complaints.id, id));
      if (client.email)
        await this.io.mailer.queue(
          tx,
          finalResponseMail(c, client, this.io.baseUrl, input.body, { fileName: letter!.fileName, pdf }),
        );
      await appendComplaintEvent(tx, 'complaints.final_response_sent', { ...c, ...done }, client, staff, {
        outcome: input.outcome,
        redressAmount: done.redressAmount,
        redressCurrency: done.redressCurrency,
        letterId: letter!.id,
        mailedTo: client.email,
      });
    });
  }

  /** The kept letter for staff who may see the complaint. */
  async letterForStaff(viewer: Viewer, id: string) {
    await this.db.transaction((tx) => this.service.lockVisible(tx, viewer, id));
    return this.letter(id);
  }

  /** The kept letter of the trader's own complaint (another's is 404). */
  async letterForTrader(clientId: string, id: string) {
    const [own] = await this.db
      .select({ id: complaints.id })
      .from(complaints)
      .where(and(eq(complaints.id, id), eq(complaints.clientId, clientId)));
    if (!own) throw notFound('Complaint');
    await clientRef(this.db, clientId);
    return this.letter(id);
  }

  private async letter(id: string) {
    const [l] = await this.db.select().from(complaintLetters).where(eq(complaintLetters.complaintId, id));
    if (!l) throw notFound('Letter');
    return { fileName: l.fileName, pdf: l.pdf };
  }
}
