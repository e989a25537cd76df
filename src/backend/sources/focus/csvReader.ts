/**
 * Streams a FOCUS CSV (optionally gzipped) through csv-parse, one record at a time: memory stays
 * at the stream buffers whatever the file size. Structural problems (not gzip, truncated gzip,
 * broken quoting) fail with a downstream error naming the file and line.
 */
import { parse, CsvError } from 'csv-parse';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

import { downstreamError, QueryError } from '../../core/errors';
import { fileSystemError, type FocusFile } from './focusFiles';

export interface CsvRowSink {
  /** The header row; throws (e.g. missing columns) to stop reading. */
  header(columns: string[]): void;
  /** A data row and its line number; `null` values never appear (CSV has strings only). */
  row(values: string[], line: number): void;
  /** A row whose field count differs from the header's. */
  malformed(line: number, reason: string): void;
}

export async function readCsvFile(file: FocusFile, sink: CsvRowSink, signal?: AbortSignal): Promise<void> {
  let width = -1;
  // Each record is handed over inside the parser and never queued: it dies young, so garbage
  // does not pile up in the stream buffers and old space (peak RSS) stays small.
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record(record: string[], context) {
      if (width < 0) {
        width = record.length;
        sink.header(record);
      } else if (record.length !== width) {
        sink.malformed(context.lines, `${record.length} fields where the header has ${width}`);
      } else {
        sink.row(record, context.lines);
      }
      return null;
    },
  });
  const source = fs.createReadStream(file.path);
  const drain = async (nothing: AsyncIterable<unknown>) => {
    for await (const _ of nothing) {
      // on_record emits nothing; this only waits for the end.
    }
  };
  try {
    if (file.kind === 'csv.gz') {
      await pipeline(source, zlib.createGunzip(), parser, drain, { signal });
    } else {
      await pipeline(source, parser, drain, { signal });
    }
  } catch (error) {
    throw csvError(error, file);
  }
  if (width < 0) {
    throw downstreamError(`${file.path}: the file is empty (no header row).`, 502);
  }
}

/** Just the header row (health checks): stops reading after it. */
export async function readCsvHeader(file: FocusFile): Promise<string[]> {
  let header: string[] | undefined;
  const stop = new AbortController();
  try {
    await readCsvFile(
      file,
      {
        header(columns) {
          header = columns;
          stop.abort();
        },
        row: () => undefined,
        malformed: () => undefined,
      },
      stop.signal
    );
  } catch (error) {
    if (!header) {
      throw error;
    }
  }
  return header!;
}

function csvError(error: unknown, file: FocusFile): Error {
  if (error instanceof QueryError || (error as Error)?.name === 'AbortError') {
    return error as Error;
  }
  const code = (error as NodeJS.ErrnoException)?.code ?? '';
  if (error instanceof CsvError) {
    return downstreamError(`${file.path}:${error.lines}: not valid CSV (${error.code}): ${error.message}`, 502);
  }
  if (code === 'Z_DATA_ERROR' || code === 'Z_STREAM_ERROR') {
    return downstreamError(
      `${file.path}: not a gzip file (${(error as Error).message}); rename it to .csv if it is plain CSV.`,
      502
    );
  }
  if (code === 'Z_BUF_ERROR') {
    return downstreamError(
      `${file.path}: the gzip stream is truncated (${(error as Error).message}); the file was probably cut off while copying or is still being written.`,
      502
    );
  }
  return fileSystemError(error, file.path);
}
