import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/** Bytes `start`..`end` of a stored file, both inclusive (an HTTP Range). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where recordings' audio lives, outside the database rows: the data directory by default, an
 * S3-compatible bucket by configuration (s3.ts). Keys are made by the service
 * (`yyyy/mm/<recording id>.<ext>`), never from the provider's URL.
 */
export interface RecordingStorage {
  readonly kind: 'data' | 's3';
  put(key: string, data: Buffer, mimeType: string): Promise<void>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  /** Removes the file; a file already gone is not an error. */
  remove(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9/_-]*(\.[a-z0-9]{1,8})?$/;

export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('//') || key.split('/').includes('..'))
    throw new Error(`bad recording storage key ${JSON.stringify(key)}`);
  return key;
}

/** Recordings under `<DATA_DIR>/recordings/`, written to a temporary name and renamed into place. */
export class DataDirStorage implements RecordingStorage {
  readonly kind = 'data' as const;
  private readonly root: string;
  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'recordings');
  }

  private path(key: string): string {
    const p = join(this.root, checkKey(key));
    if (!p.startsWith(this.root + sep)) throw new Error('recording key outside the storage');
    return p;
  }

  async put(key: string, data: Buffer): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data, { mode: 0o600 });
    await rename(tmp, p);
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const stream = createReadStream(this.path(key), range ? { start: range.start, end: range.end } : {});
    // Open errors (a file removed meanwhile) surface here rather than mid-response.
    await new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', fail);
    });
    return stream;
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
