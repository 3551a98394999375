import { z } from 'zod';
import { principal, routeDocs, type App } from '../../../core/http.js';
import { idParams, text } from '../../../core/primitives.js';
import { RECORDING_PURPOSES } from '../../../shared/telephony-recordings.js';
import { noContent } from '../../../shared/contracts/common.js';
import { recordingAudio, recordingLink } from '../../../shared/contracts/telephony-recordings.js';
import type { RecordingsDeps } from './index.js';

const doc = routeDocs(['telephony'], { security: [{ session: [] }] });

export const linkInput = z.strictObject({ purpose: z.enum(RECORDING_PURPOSES).default('listen') });
const tokenParams = z.object({ token: text({ min: 20, max: 600, label: 'Link' }) });

/** The signed link to a call's recording, and the audio behind it. */
export function recordingRoutes(app: App, deps: RecordingsDeps): void {
  const { access } = deps.recordings;
  app.post(
    '/api/calls/:id/recording-link',
    doc(
      'A short-lived link to the call’s recording, to listen (telephony.listen) or download (telephony.download); every link is in the audit trail. 404 outside the client’s scope; 409 not stored yet; 410 deleted by retention',
      { params: idParams(), body: linkInput, response: { 200: recordingLink } },
      deps.guard('telephony.listen'),
    ),
    async (request) =>
      access.issueLink(principal(request), request.params.id, request.body.purpose, request.ip ?? null),
  );
  app.get(
    '/api/recordings/:token',
    {
      ...doc(
        'The recording behind a signed link (the signed-in staff member’s own, unexpired); Range requests answer 206. A tampered link is 404, an expired one 403 link_expired',
        { params: tokenParams, response: { 200: recordingAudio, 206: recordingAudio, 416: noContent } },
        deps.guard(),
      ),
      // A file, never a page of the app (the attachments' policy).
      onSend: async (_request, reply, payload) => {
        if (reply.statusCode === 200 || reply.statusCode === 206)
          void reply.header('content-security-policy', 'sandbox');
        return payload;
      },
    },
    async (request, reply) => {
      const opened = await access.open(principal(request), request.params.token, request.headers.range);
      void reply.header('accept-ranges', 'bytes').header('cache-control', 'private, no-store');
      if ('unsatisfiable' in opened)
        return reply.status(416).header('content-range', `bytes */${opened.unsatisfiable}`).send();
      const { row, range, stream, purpose } = opened;
      const size = row.size ?? 0;
      const ext = row.storageKey?.split('.').pop() ?? 'wav';
      void reply
        .header('content-type', row.mimeType ?? 'application/octet-stream')
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${purpose === 'download' ? 'attachment' : 'inline'}; filename="call-${row.callId}.${ext}"`,
        );
      if (!range) return reply.header('content-length', String(size)).send(stream);
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${size}`)
        .header('content-length', String(range.end - range.start + 1))
        .send(stream);
    },
  );
}
