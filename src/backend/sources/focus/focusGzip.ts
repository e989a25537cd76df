/**
 * Reads a gzip file to its end and discards what it inflates, to know it is whole: DuckDB reads a
 * truncated gzip stream without complaint, and a month cut short would look like a cheap month.
 * Streamed (bounded memory whatever the size); zlib works on Node's thread pool, beside DuckDB.
 * The file is opened without blocking and checked to be the regular file listed (focusOpen.ts),
 * and the check fails after the read timeout.
 */
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { gzipError } from './focusErrors';
import type { FocusFile } from './focusFiles';
import { FOCUS_READ_TIMEOUT_MS } from './focusLimits';
import { openListedFile, readTimeout } from './focusOpen';

/**
 * Read and inflate in 1 MiB pieces: with Node's 64 KiB/16 KiB defaults the callbacks, not zlib,
 * take most of the time (2.6 s against 1.0 s for the 96 MB benchmark file); memory stays a few MiB.
 */
const CHUNK_BYTES = 1 << 20;

export async function verifyGzip(file: FocusFile, timeoutMs = FOCUS_READ_TIMEOUT_MS): Promise<void> {
  const handle = await openListedFile(file);
  const discard = new Writable({ highWaterMark: CHUNK_BYTES, write: (_chunk, _encoding, done) => done() });
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // The stream closes the handle when it ends or fails.
    await pipeline(
      handle.createReadStream({ highWaterMark: CHUNK_BYTES }),
      zlib.createGunzip({ chunkSize: CHUNK_BYTES }),
      discard,
      { signal }
    );
  } catch (error) {
    if (signal.aborted) {
      throw readTimeout([file], timeoutMs);
    }
    throw gzipError(error, file.path);
  }
}
