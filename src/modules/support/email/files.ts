import type { Attachment } from 'mailparser';
import { AppError } from '../../../core/errors.js';
import type { Executor } from '../../../db/connection.js';
import type { AttachmentStore } from '../attachments/store.js';
import { sanitizeFileName } from '../attachments/store.js';

/** More files than this in one mail are refused (a mail of a thousand tiny parts is not a customer's). */
export const FILES_PER_MAIL = 20;

export interface KeptFiles {
  ids: string[];
  refused: { fileName: string; reason: string }[];
}

/** Why the attachments part refused a file, in the words of the agent's note. */
function reasonFor(err: AppError, maxBytes: number): string {
  if (err.code === 'attachment_too_large') return `it is larger than ${Math.floor(maxBytes / 1_048_576)} MB`;
  if (err.code === 'attachment_empty') return 'it is empty';
  if (err.code === 'attachment_type_refused')
    return 'its content is not an image, PDF, text, CSV or office file, whatever its name says';
  return err.message;
}

/**
 * An inbound mail's files, through the attachments part's store — the same type sniffing and size
 * limit as a staff upload — onto `conversationId`, not yet on a message (the caller names them in
 * addMessage's attachmentIds). A file the store refuses is left out and reported, never fails the mail:
 * the customer's words are kept. Inline parts (cid: images) are kept like any other file, since the
 * HTML shows no images.
 */
export async function keepFiles(
  tx: Executor,
  store: AttachmentStore,
  conversationId: string,
  attachments: Attachment[],
  maxBytes: number,
): Promise<KeptFiles> {
  const kept: KeptFiles = { ids: [], refused: [] };
  for (const [i, file] of attachments.entries()) {
    const fileName = sanitizeFileName(file.filename ?? (file.cid ? 'inline-image' : 'attachment'));
    if (i >= FILES_PER_MAIL) {
      kept.refused.push({ fileName, reason: `the mail has more than ${FILES_PER_MAIL} files` });
      continue;
    }
    try {
      const row = await store.store(tx, { conversationId, fileName, bytes: file.content, maxBytes });
      kept.ids.push(row.id);
    } catch (err) {
      // A refusal (4xx) is the file's fault; anything else (disk, database) fails the mail, retried.
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      kept.refused.push({ fileName, reason: reasonFor(err, maxBytes) });
    }
  }
  return kept;
}

/** The internal note listing the files that were not kept. */
export function refusedNote(refused: KeptFiles['refused']): string {
  const lines = refused.map((r) => `- "${r.fileName}": ${r.reason}`);
  return `Not kept from this email (the message itself is kept):\n${lines.join('\n')}`;
}
