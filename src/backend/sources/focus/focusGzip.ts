/**
 * Reads a gzip file to its end and discards what it inflates, to know it is whole: DuckDB reads a
 * truncated gzip stream without complaint, and a month cut short would look like a cheap month.
 * Streamed (bounded memory whatever the size); zlib works on Node's thread pool, beside DuckDB.
 */
import fs from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { gzipError } from './focusErrors';

export async function verifyGzip(file: string, signal?: AbortSignal): Promise<void> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(fs.createReadStream(file), zlib.createGunzip(), discard, { signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      throw error;
    }
    throw gzipError(error, file);
  }
}
