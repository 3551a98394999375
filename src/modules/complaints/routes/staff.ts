import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { actorOf, noContentAfter, principal, routeDocs, type App } from '../../../core/http.js';
import { idParams } from '../../../core/primitives.js';
import { noContent } from '../../../shared/contracts/common.js';
import {
  complaintDetail,
  complaintList,
  complaintReport,
  complaintsCsv,
  complaintSettings,
  letterPdf,
} from '../../../shared/contracts/complaints.js';
import {
  escalateInput,
  finalResponseInput,
  noteInput,
  raiseComplaintInput,
  registerExportQuery,
  registerQuery,
  reportQuery,
  settingsInput,
} from '../contracts.js';
import type { ComplaintsDeps } from '../index.js';

const doc = routeDocs(['complaints']);
const staffOf = (request: Parameters<typeof principal>[0]) => ({
  ...actorOf(request),
  viewer: principal(request),
});

/**
 * Staff: raise a complaint from a conversation, the register (complaints.register) with its CSV and
 * monthly report, one complaint with its investigation (notes, escalation, acknowledgement, final
 * response and its letter), and the policy settings (complaints.oversee). Record scope on every read.
 */
export function complaintStaffRoutes(app: App, ctx: ComplaintsDeps): void {
  const handle = ctx.guard('complaints.handle');
  const register = ctx.guard('complaints.register');
  const oversee = ctx.guard('complaints.oversee');
  const s = ctx.complaints;

  app.post(
    '/api/complaints',
    doc(
      'Raise a complaint from a conversation linked to a client: reference, deadlines, acknowledgement mail',
      { body: raiseComplaintInput, response: { 201: complaintDetail } },
      handle,
    ),
    async (request, reply) => {
      const id = await s.service.raise(staffOf(request), request.body);
      return reply.status(201).send(await s.reads.detail(principal(request), id));
    },
  );
  app.get(
    '/api/complaints',
    doc(
      'The complaint register: filters, sort, paging (record scope)',
      { querystring: registerQuery, response: { 200: complaintList } },
      register,
    ),
    async (request) => s.reads.list(principal(request), request.query),
  );
  app.get(
    '/api/complaints/export.csv',
    doc(
      'The register as CSV with its filters (scoped, audited, ≤ 100,000 rows)',
      { querystring: registerExportQuery, response: { 200: complaintsCsv } },
      register,
    ),
    async (request, reply) => {
      const out = await s.exports.export(principal(request), actorOf(request), request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${out.filename}"`)
        .header('cache-control', 'no-store')
        .header('x-row-count', String(out.rowCount))
        .header('x-truncated', String(out.truncated))
        .send(out.body);
    },
  );
  app.get(
    '/api/complaints/report',
    doc(
      'The monthly regulator report from the register (month YYYY-MM, the policy time zone)',
      { querystring: reportQuery, response: { 200: complaintReport } },
      register,
    ),
    async (request) => s.reports.monthly(principal(request), request.query.month),
  );
  app.get(
    '/api/complaints/settings',
    doc(
      'The complaint policy: firm code, jurisdiction preset, time zone, holidays',
      { response: { 200: complaintSettings } },
      handle,
    ),
    async () => s.settings.get(),
  );
  app.put(
    '/api/complaints/settings',
    doc(
      'Change the complaint policy (applies to complaints received from now on)',
      { body: settingsInput, response: { 200: complaintSettings } },
      oversee,
    ),
    async (request) => s.settings.put(actorOf(request), request.body),
  );
  app.get(
    '/api/complaints/:id',
    doc(
      'One complaint with deadlines, notes, escalations and the letter',
      { params: idParams(), response: { 200: complaintDetail } },
      handle,
    ),
    async (request) => s.reads.detail(principal(request), request.params.id),
  );
  app.post(
    '/api/complaints/:id/notes',
    doc(
      'Add an investigation note',
      { params: idParams(), body: noteInput, response: { 204: noContent } },
      handle,
    ),
    async (request, reply) =>
      noContentAfter(reply, s.service.addNote(staffOf(request), request.params.id, request.body.body)),
  );
  app.post(
    '/api/complaints/:id/escalate',
    doc(
      'One step up: agent → team lead → compliance (to compliance: complaints.register)',
      { params: idParams(), body: escalateInput, response: { 204: noContent } },
      handle,
    ),
    async (request, reply) =>
      noContentAfter(reply, s.service.escalate(staffOf(request), request.params.id, request.body.reason)),
  );
  app.post(
    '/api/complaints/:id/acknowledge',
    doc(
      'Record an acknowledgement made another way (no email on file)',
      { params: idParams(), body: z.strictObject({}).optional(), response: { 204: noContent } },
      handle,
    ),
    async (request, reply) =>
      noContentAfter(reply, s.service.acknowledge(staffOf(request), request.params.id)),
  );
  app.post(
    '/api/complaints/:id/final-response',
    doc(
      'Send the final response: the letter as PDF in the client language, mailed and kept; outcome and redress',
      { params: idParams(), body: finalResponseInput, response: { 204: noContent } },
      handle,
    ),
    async (request, reply) =>
      noContentAfter(reply, s.letters.send(staffOf(request), request.params.id, request.body)),
  );
  app.get(
    '/api/complaints/:id/letter.pdf',
    doc(
      'The final response letter as sent (PDF)',
      { params: idParams(), response: { 200: letterPdf } },
      handle,
    ),
    async (request, reply) => {
      const letter = await s.letters.letterForStaff(principal(request), request.params.id);
      return sendPdf(reply, letter);
    },
  );
}

export function sendPdf(reply: FastifyReply, letter: { fileName: string; pdf: Buffer }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', `attachment; filename="${letter.fileName}"`)
    .header('cache-control', 'private, no-store')
    .header('x-content-type-options', 'nosniff')
    .send(letter.pdf);
}
