import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Actor } from '../../core/actor.js';
import { AppError, badRequest, notFound } from '../../core/errors.js';
import type { Db } from '../../db/connection.js';
import { knowledgeFiles } from './schema.js';

/** Article images: what file-type must find in the bytes (never the name or the sender's type). */
export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const KB_FILE_MAX_BYTES = 5 * 1_048_576;

export const imageRefused = () =>
  new AppError(415, 'file_type_refused', 'Upload a PNG, JPEG, GIF or WebP image', 'file');
export const imageTooLarge = () =>
  new AppError(413, 'file_too_large', `Upload images up to ${KB_FILE_MAX_BYTES / 1_048_576} MB`, 'file', {
    maxMb: KB_FILE_MAX_BYTES / 1_048_576,
  });

/** The file name kept: no path parts or control characters, at most 200 characters. */
function cleanName(raw: string): string {
  const base = (raw.split(/[/\\]/).pop() ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
  const kept = Array.from(base).slice(0, 200).join('').trim();
  return kept === '' || kept === '.' || kept === '..' ? 'image' : kept;
}

/**
 * Images for article bodies, served to anyone at `/help/files/:id` (an article links them there; the
 * body sanitizer allows no other image source). Bytes in `<dir>/<sha256>`, written to a temporary
 * name and renamed; equal files share one file.
 */
export class KnowledgeFiles {
  constructor(
    private readonly db: Db,
    readonly dir: string,
  ) {}

  async store(actor: Actor, input: { fileName: string; bytes: Buffer }) {
    const { bytes } = input;
    if (bytes.length === 0) throw badRequest('file_empty', 'The file is empty', 'file');
    if (bytes.length > KB_FILE_MAX_BYTES) throw imageTooLarge();
    const found = await fileTypeFromBuffer(bytes);
    if (!found || !IMAGE_TYPES.has(found.mime)) throw imageRefused();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.${sha256}.${randomUUID()}.tmp`);
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, join(this.dir, sha256));
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    const [row] = await this.db
      .insert(knowledgeFiles)
      .values({
        sha256,
        fileName: cleanName(input.fileName),
        mimeType: found.mime,
        size: bytes.length,
        uploadedBy: actor.id,
      })
      .returning();
    return { id: row!.id, url: `/help/files/${row!.id}`, mimeType: row!.mimeType, size: row!.size };
  }

  async open(id: string): Promise<{ mimeType: string; size: number; stream: Readable }> {
    const [row] = await this.db.select().from(knowledgeFiles).where(eq(knowledgeFiles.id, id));
    if (!row) throw notFound('File');
    const stream = createReadStream(join(this.dir, row.sha256));
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', () => reject(notFound('File')));
    });
    return { mimeType: row.mimeType, size: row.size, stream };
  }
}
