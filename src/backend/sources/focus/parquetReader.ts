/**
 * Reads a FOCUS Parquet file one row group at a time with hyparquet (pure JS, so the single
 * executable needs no native module), and only the columns we use. Bytes come from a file handle
 * on demand (footer first, then each row group's column chunks); decoded columns of one row group
 * are held at a time, then walked row by row without building row objects.
 */
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import fs from 'node:fs/promises';

import { downstreamError, QueryError } from '../../core/errors';
import { fileSystemError, type FocusFile } from './focusFiles';

export interface ParquetRowSink {
  /** The file's top-level columns; returns those to read (in that order) or throws to stop. */
  header(columns: string[]): string[];
  /** One row: values in the order `header` returned, and its 1-based row number. */
  row(values: unknown[], rowNumber: number): void;
}

/** An AsyncBuffer over an open file handle: hyparquet asks for byte ranges, we read just those. */
async function fileBuffer(handle: fs.FileHandle, file: string): Promise<AsyncBuffer> {
  const { size } = await handle.stat();
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const length = Math.max(0, (end ?? size) - start);
      const bytes = new Uint8Array(length);
      const { bytesRead } = await handle.read(bytes, 0, length, start);
      if (bytesRead < length) {
        throw downstreamError(`${file}: the Parquet file is truncated (wanted ${length} bytes at ${start}).`, 502);
      }
      return bytes.buffer;
    },
  };
}

/** Opens the file, reads its footer and passes both to `read`; the file is closed after. */
async function withParquetFile<T>(
  file: FocusFile,
  read: (buffer: AsyncBuffer, metadata: FileMetaData) => Promise<T>
): Promise<T> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file.path, 'r');
  } catch (error) {
    throw fileSystemError(error, file.path);
  }
  try {
    const buffer = await fileBuffer(handle, file.path);
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(buffer);
    } catch (error) {
      throw parquetError(error, file, 'not a Parquet file, or truncated');
    }
    return await read(buffer, metadata);
  } finally {
    await handle.close();
  }
}

export async function readParquetFile(file: FocusFile, sink: ParquetRowSink, signal?: AbortSignal): Promise<void> {
  await withParquetFile(file, async (buffer, metadata) => {
    const columns = sink.header(topLevelColumns(metadata));
    let groupStart = 0;
    for (const group of metadata.row_groups) {
      signal?.throwIfAborted();
      const groupRows = Number(group.num_rows);
      const data = await readRowGroup(buffer, metadata, columns, groupStart, groupRows, file);
      const values: unknown[] = new Array(columns.length);
      for (let r = 0; r < groupRows; r++) {
        for (let c = 0; c < columns.length; c++) {
          values[c] = data[c][r];
        }
        sink.row(values, groupStart + r + 1);
      }
      groupStart += groupRows;
    }
  });
}

/** The top-level column names (health checks): reads only the footer. */
export async function readParquetHeader(file: FocusFile): Promise<string[]> {
  return withParquetFile(file, async (_buffer, metadata) => topLevelColumns(metadata));
}

const topLevelColumns = (metadata: FileMetaData): string[] =>
  parquetSchema(metadata).children.map((c) => c.element.name);

/** Decoded columns (in `columns` order) of the row group [groupStart, groupStart + groupRows). */
async function readRowGroup(
  file: AsyncBuffer,
  metadata: FileMetaData,
  columns: string[],
  groupStart: number,
  groupRows: number,
  where: FocusFile
): Promise<Array<ArrayLike<unknown>>> {
  const data: Array<ArrayLike<unknown> | unknown[]> = columns.map(() => []);
  const index = new Map(columns.map((name, i) => [name, i]));
  try {
    await parquetRead({
      file,
      metadata,
      columns,
      rowStart: groupStart,
      rowEnd: groupStart + groupRows,
      compressors,
      onChunk(chunk) {
        const c = index.get(chunk.columnName);
        if (c === undefined) {
          return;
        }
        const offset = chunk.rowStart - groupStart;
        if (offset === 0 && chunk.columnData.length === groupRows) {
          data[c] = chunk.columnData; // the usual case: one chunk per column and row group
        } else {
          const target = Array.isArray(data[c]) ? (data[c] as unknown[]) : Array.from(data[c]);
          for (let i = 0; i < chunk.columnData.length; i++) {
            target[offset + i] = chunk.columnData[i];
          }
          data[c] = target;
        }
      },
    });
  } catch (error) {
    throw parquetError(error, where, `row group at row ${groupStart + 1} could not be decoded`);
  }
  return data;
}

function parquetError(error: unknown, file: FocusFile, what: string): Error {
  if (error instanceof QueryError) {
    return error;
  }
  return downstreamError(`${file.path}: ${what} (${(error as Error)?.message ?? String(error)}).`, 502);
}
