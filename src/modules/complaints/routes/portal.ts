import { routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import { letterPdf, portalComplaint, portalComplaintList } from '../../../shared/contracts/complaints.js';
import { trader, traderSession } from '../../cabinet/index.js';
import { fileComplaintInput } from '../contracts.js';
import type { ComplaintsDeps } from '../index.js';
import { sendPdf } from './staff.js';

const doc = routeDocs(['cabinet', 'complaints'], { security: [{ trader: [] }] });

/** The trader's complaints in the cabinet: file one, list them with status and deadlines, the letter. */
export function complaintPortalRoutes(app: App, ctx: ComplaintsDeps): void {
  const signedIn = traderSession(ctx.cabinet);
  const s = ctx.complaints;
  app.get(
    '/api/portal/complaints',
    doc(
      'Own complaints, newest first, with status and deadlines',
      { response: { 200: portalComplaintList } },
      signedIn,
    ),
    async (request) => ({ items: await s.reads.forTrader(trader(request).clientId) }),
  );
  app.post(
    '/api/portal/complaints',
    doc(
      'File a complaint: it gets its reference and deadlines; the acknowledgement is emailed',
      { body: fileComplaintInput, response: { 201: portalComplaint } },
      signedIn,
    ),
    async (request, reply) => {
      const me = trader(request);
      const id = await s.service.file({ clientId: me.clientId, ip: request.ip ?? null }, request.body);
      const mine = await s.reads.forTrader(me.clientId);
      return reply.status(201).send(mine.find((c) => c.id === id)!);
    },
  );
  app.get(
    '/api/portal/complaints/:id/letter.pdf',
    doc(
      'The final response letter of an own complaint (PDF)',
      { params: idParams(), response: { 200: letterPdf } },
      signedIn,
    ),
    async (request, reply) =>
      sendPdf(reply, await s.letters.letterForTrader(trader(request).clientId, request.params.id)),
  );
}
