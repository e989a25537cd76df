/**
 * DuckDB's and zlib's errors about an export, as errors a user can act on. They name the file and
 * never quote its contents: DuckDB's CSV errors carry the offending line ("Original Line: ..."),
 * and billing lines are not for every dashboard viewer, so only the kind of problem is kept.
 */
import { downstreamError, QueryError } from '../../core/errors';
import { fileSystemError } from './focusFiles';

/** The file among `files` that `message` names, else all of them (a scan of one group). */
function culprit(message: string, files: readonly string[]): string {
  const named = files.find((file) => message.includes(file));
  if (named) {
    return named;
  }
  return files.length === 1 ? files[0] : `one of ${files.length} files (${files[0]}, …)`;
}

const RULES: Array<[RegExp, (where: string) => string]> = [
  [
    /not a GZIP stream|GZIP/i,
    (where) => `${where}: not a gzip file, though its name ends in .gz: rename it to .csv if it is plain CSV.`,
  ],
  [
    /magic bytes|not a parquet file|parquet/i,
    (where) =>
      `${where}: not a Parquet file, or truncated (no Parquet footer): an export still being written or cut short.`,
  ],
  [
    /sniff|dialect|unterminated|quote/i,
    (where) =>
      `${where}: not valid CSV: it cannot be read as comma-separated values with double quotes (an unclosed quote?).`,
  ],
];

/** Turns an error thrown while DuckDB read `files` into a downstream error naming the file. */
export function scanError(error: unknown, files: readonly string[]): QueryError | Error {
  if (error instanceof QueryError) {
    return error; // already says what to do (the spill folder, a file changed)
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/interrupted/i.test(message)) {
    return error instanceof Error ? error : new Error(message);
  }
  const where = culprit(message, files);
  // A file deleted after it was listed, or one the Grafana user may not read.
  const io = /No such file|No files found|Permission denied/i.exec(message);
  if (io) {
    const code = /Permission/i.test(io[0]) ? 'EACCES' : 'ENOENT';
    return fileSystemError(Object.assign(new Error(message), { code }), `FOCUS export ${where}`);
  }
  if (/out of memory|memory limit/i.test(message)) {
    return downstreamError(
      `Reading ${where} needs more memory than the FOCUS memory limit allows, even spilling to disk: raise jsonData.focus.memoryLimitMB or narrow the time range.`,
      502
    );
  }
  for (const [pattern, text] of RULES) {
    if (pattern.test(message)) {
      return downstreamError(text(where), 502);
    }
  }
  // Only DuckDB's class of error ("Conversion Error"), never the rest, which may quote the data.
  const kind = /^([A-Za-z ]+Error)/.exec(message)?.[1] ?? 'error';
  return downstreamError(`${where}: could not be read as a FOCUS export (DuckDB: ${kind}).`, 502);
}

/** A gzip file that zlib could not read to its end. */
export function gzipError(error: unknown, file: string): QueryError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test((error as Error)?.message ?? '')) {
    return downstreamError(
      `${file}: the gzip stream is truncated (an export still being written, or cut short): the numbers would be incomplete.`,
      502
    );
  }
  if (code.startsWith('Z_')) {
    return downstreamError(
      `${file}: not a gzip file, or a corrupt one (${code}): rename it to .csv if it is plain CSV.`,
      502
    );
  }
  return fileSystemError(error, `FOCUS export ${file}`);
}
