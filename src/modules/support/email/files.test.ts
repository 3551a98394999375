import type { Attachment } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors.js';
import type { Executor } from '../../../db/connection.js';
import type { AttachmentStore } from '../attachments/store.js';
import { FILES_PER_MAIL, keepFiles, refusedNote } from './files.js';

const tx = {} as Executor;
const file = (name: string | undefined, cid?: string) =>
  ({ filename: name, cid, content: Buffer.from('x') }) as unknown as Attachment;
/** A store that keeps everything, or fails the way `fail` says. */
const store = (fail?: (name: string) => Error | null) =>
  ({
    store: async (_db: Executor, input: { fileName: string }) => {
      const err = fail?.(input.fileName);
      if (err) throw err;
      return { id: `id-${input.fileName}` };
    },
  }) as unknown as AttachmentStore;

describe('keepFiles', () => {
  it(`keeps at most ${FILES_PER_MAIL} files; the rest are refused by name`, async () => {
    const files = Array.from({ length: FILES_PER_MAIL + 2 }, (_, i) => file(`f${i}.txt`));
    const kept = await keepFiles(tx, store(), 'c', files, 1_048_576);
    expect(kept.ids).toHaveLength(FILES_PER_MAIL);
    expect(kept.refused).toEqual([
      { fileName: `f${FILES_PER_MAIL}.txt`, reason: `the mail has more than ${FILES_PER_MAIL} files` },
      { fileName: `f${FILES_PER_MAIL + 1}.txt`, reason: `the mail has more than ${FILES_PER_MAIL} files` },
    ]);
  });

  it("names unnamed parts, strips paths, and turns the store's refusals into reasons", async () => {
    const refuse = (name: string) =>
      name === 'a.pdf'
        ? new AppError(415, 'attachment_type_refused', 'x', 'file')
        : name === 'big.pdf'
          ? new AppError(413, 'attachment_too_large', 'x', 'file')
          : null;
    const kept = await keepFiles(
      tx,
      store(refuse),
      'c',
      [file('../../a.pdf'), file('big.pdf'), file(undefined, 'logo@x'), file(undefined)],
      2 * 1_048_576,
    );
    expect(kept.ids).toEqual(['id-inline-image', 'id-attachment']);
    expect(refusedNote(kept.refused)).toBe(
      'Not kept from this email (the message itself is kept):\n' +
        '- "a.pdf": its content is not an image, PDF, text, CSV or office file, whatever its name says\n' +
        '- "big.pdf": it is larger than 2 MB',
    );
  });

  it('a failure of the store itself (disk, database) fails the mail, to be retried', async () => {
    await expect(
      keepFiles(
        tx,
        store(() => new Error('ENOSPC')),
        'c',
        [file('a.txt')],
        1,
      ),
    ).rejects.toThrow('ENOSPC');
    await expect(
      keepFiles(
        tx,
        store(() => new AppError(503, 'database_unavailable', 'down')),
        'c',
        [file('a.txt')],
        1,
      ),
    ).rejects.toThrow('down');
  });
});
