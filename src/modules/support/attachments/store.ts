import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Clock } from '../../../core/clock.js';
import { AppError, badRequest, notFound } from '../../../core/errors.js';
import type { Executor } from '../../../db/connection.js';
import type { AttachmentRow } from '../conversations/service.js';
import { supportAttachments } from '../schema.js';

/** The longest file name kept (in characters, after sanitising). */
export const FILE_NAME_MAX = 200;

/** What file-type may find, as the mime type recorded: images, PDF, the zip-based office formats. */
const SNIFFED = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** Text a browser would render as markup (or a script host would run) is never stored as text. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml|[a-z][a-z0-9-]*[\s>/])/i;

const refused = () =>
  new AppError(415, 'attachment_type_refused', 'Attach an image, a PDF, a text, CSV or office file', 'file');

/** 413 for a file over the limit (the store's check, and the multipart parser's while it reads). */
export const tooLarge = (maxBytes: number) =>
  new AppError(
    413,
    'attachment_too_large',
    `Attach files up to ${Math.floor(maxBytes / 1_048_576)} MB`,
    'file',
    // The limit, so a client can say it in its own words.
    { maxMb: Math.floor(maxBytes / 1_048_576) },
  );

/** The name without path parts, control characters or unstorable text, at most FILE_NAME_MAX characters. */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
  const kept = Array.from(clean).slice(0, FILE_NAME_MAX).join('').trim();
  return kept === '' || kept === '.' || kept === '..' ? 'file' : kept;
}

/** The sniffed mime type of `bytes`, or a 415: the content decides, never the name or the sender. */
export async function sniff(bytes: Buffer, fileName: string): Promise<string> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (SNIFFED.has(found.mime)) return found.mime;
    throw refused();
  }
  if (bytes.includes(0)) throw refused();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refused();
  }
  if (MARKUP.test(text.replace(/^\ufeff/, ''))) throw refused();
  return /\.csv$/i.test(fileName) ? 'text/csv' : 'text/plain';
}

/**
 * The support desk's files: bytes in `<DATA_DIR>/support-attachments/<sha256>` (written to a temporary
 * name, then renamed, so a reader never sees half a file), one row each in support_attachments, not on
 * a message until the conversation service attaches it (addMessage's attachmentIds, same conversation).
 */
export class AttachmentStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    private readonly clock: Clock,
  ) {
    this.dir = join(dataDir, 'support-attachments');
  }

  /** Checks, stores and records a file of a conversation (which the caller has checked exists). */
  async store(
    db: Executor,
    input: { conversationId: string; fileName: string; bytes: Buffer; maxBytes: number },
  ): Promise<AttachmentRow> {
    const { bytes } = input;
    if (bytes.length > input.maxBytes) throw tooLarge(input.maxBytes);
    if (!bytes.length) throw badRequest('attachment_empty', 'The file is empty', 'file');
    const fileName = sanitizeFileName(input.fileName);
    const mimeType = await sniff(bytes, fileName);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.write(sha256, bytes);
    const [row] = await db
      .insert(supportAttachments)
      .values({
        conversationId: input.conversationId,
        fileName,
        mimeType,
        size: bytes.length,
        sha256,
        storageKey: sha256,
        createdAt: this.clock.now(),
      })
      .returning();
    return row!;
  }

  /** An attachment's row, or 404. */
  async get(db: Executor, id: string): Promise<AttachmentRow> {
    const [row] = await db.select().from(supportAttachments).where(eq(supportAttachments.id, id));
    if (!row) throw notFound('Attachment');
    return row;
  }

  /** An attachment's row and its bytes as a stream; 404 when either is gone. */
  async open(db: Executor, id: string): Promise<{ row: AttachmentRow; stream: Readable }> {
    const row = await this.get(db, id);
    const stream = createReadStream(join(this.dir, row.storageKey));
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', () => reject(notFound('Attachment')));
    });
    return { row, stream };
  }

  private async write(sha256: string, bytes: Buffer) {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${sha256}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, join(this.dir, sha256));
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }
}
