/**
 * Opening exports without ever blocking Node's shared thread pool. The listing skips what is not
 * a regular file, but a file can be replaced between the listing and the read (by an export job
 * writing through a named pipe, or on purpose). A FIFO opened for reading blocks until a writer
 * comes, holding one of the pool's four threads (file reads, DNS, zlib and DuckDB's statements all
 * share them): four such opens and every file read and DNS lookup of the process waits.
 *
 * So every read goes through here. Our own reads open with O_NONBLOCK (a FIFO then opens at once;
 * reads of a regular file are unaffected) and fstat the descriptor: what is read is what was
 * checked. DuckDB opens files by path itself, so each of its statements runs right after its files
 * were opened that way and found to be the very files listed (same inode, size and time), and with
 * a timeout; should a FIFO still slip in between, the timeout answers the query and opens the FIFO
 * for writing once, which ends the blocked open with end-of-file and frees the thread.
 */
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import { eachLimited } from '../../core/concurrency';
import { downstreamError, type QueryError } from '../../core/errors';
import { changedWhileRead, FILE_CONCURRENCY, type FocusFile, fileSystemError, sameFile } from './focusFiles';

// Windows has no O_NONBLOCK (and no FIFOs among files): the flag is then 0.
const READ_NONBLOCK = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const WRITE_NONBLOCK = fs.constants.O_WRONLY | (fs.constants.O_NONBLOCK ?? 0);

export function notRegularFile(file: string): QueryError {
  return downstreamError(
    `${file} is no longer a regular file (a FIFO, socket or device replaced it after it was listed): it was not read. Keep only export files in the FOCUS folders.`,
    502
  );
}

/** `file` opened for reading, checked to be the regular file the listing saw; the caller closes it. */
export async function openListedFile(file: FocusFile): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(file.path, READ_NONBLOCK);
  } catch (error) {
    throw fileSystemError(error, `FOCUS export ${file.path}`);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw notRegularFile(file.path);
    }
    if (!sameFile(file, stat)) {
      throw changedWhileRead(file.path);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Throws unless each of `files` is still the regular file listed. */
export async function vetFiles(files: readonly FocusFile[]): Promise<void> {
  await eachLimited(files, FILE_CONCURRENCY, async (file) => (await openListedFile(file)).close());
}

export function readTimeout(files: readonly FocusFile[], timeoutMs: number): QueryError {
  const where = files.length === 1 ? files[0].path : `${files.length} files (${files[0]?.path}, …)`;
  return downstreamError(
    `Reading ${where} took longer than ${timeoutMs / 1000} s, the FOCUS read timeout: the disk or network file system holding the exports is stalled or too slow; the query stopped waiting.`,
    504
  );
}

/**
 * `read` (one DuckDB statement over `files`) run right after the files were vetted, rejected with
 * readTimeout after `timeoutMs`. Its signal aborts at the timeout (DuckDB interrupts the statement).
 */
export async function readVetted<T>(
  files: readonly FocusFile[],
  timeoutMs: number,
  read: (signal: AbortSignal) => Promise<T>
): Promise<T> {
  await vetFiles(files);
  const controller = new AbortController();
  const reading = read(controller.signal);
  let settled = false;
  reading.then(
    () => (settled = true),
    () => (settled = true)
  );
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(readTimeout(files, timeoutMs));
      releaseFifoReaders(files, () => settled);
    }, timeoutMs);
  });
  try {
    return await Promise.race([reading, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** How often, and how many times, a read stuck on a FIFO is released (DuckDB may open a file twice). */
const RELEASE_EVERY_MS = 100;
const RELEASE_ATTEMPTS = 50;

/**
 * Ends reads blocked opening one of `files` that is now a FIFO: opening it for writing (without
 * blocking: it fails when nobody is reading) and closing it gives the reader end-of-file. Done
 * with synchronous calls, which return at once here: the pool's threads may all be the blocked
 * ones, so an asynchronous open would queue behind them forever. Repeated until `done()`.
 */
export function releaseFifoReaders(files: readonly FocusFile[], done: () => boolean, attempt = 0): void {
  for (const file of files) {
    try {
      if (fs.statSync(file.path).isFIFO()) {
        fs.closeSync(fs.openSync(file.path, WRITE_NONBLOCK));
      }
    } catch {
      // ENXIO: nobody is reading it (now); ENOENT: gone. Nothing to release.
    }
  }
  if (!done() && attempt + 1 < RELEASE_ATTEMPTS) {
    setTimeout(() => releaseFifoReaders(files, done, attempt + 1), RELEASE_EVERY_MS).unref();
  }
}
