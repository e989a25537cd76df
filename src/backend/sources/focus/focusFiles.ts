/**
 * The export files behind the configured paths: files as given, folders walked recursively.
 * CSV, gzipped CSV and Parquet are read; anything else (AWS manifests, READMEs) is skipped and
 * listed in a notice.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { downstreamError, type QueryError } from '../../core/errors';

export type FocusFileKind = 'csv' | 'csv.gz' | 'parquet';

export interface FocusFile {
  path: string;
  kind: FocusFileKind;
}

export interface FocusFileListing {
  files: FocusFile[];
  /** Files that are not CSV, CSV.GZ or Parquet. */
  skipped: string[];
}

export function fileKind(file: string): FocusFileKind | undefined {
  const name = file.toLowerCase();
  if (name.endsWith('.csv.gz')) {
    return 'csv.gz';
  }
  if (name.endsWith('.csv')) {
    return 'csv';
  }
  if (name.endsWith('.parquet')) {
    return 'parquet';
  }
  return undefined;
}

/** A file-system error as a downstream error that names the path and what to fix. */
export function fileSystemError(error: unknown, where: string): QueryError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  switch (code) {
    case 'ENOENT':
      return downstreamError(
        `${where} does not exist on the Grafana server (ENOENT): fix the path in the datasource settings.`,
        404
      );
    case 'EACCES':
    case 'EPERM':
      return downstreamError(
        `${where} is not readable by the Grafana server (${code}): grant the grafana user read access.`,
        403
      );
    case 'EISDIR':
    case 'ENOTDIR':
      return downstreamError(`${where} is not a file or folder we can read (${code}).`, 502);
    default:
      return downstreamError(`${where} could not be read (${code || (error as Error)?.message}).`, 502);
  }
}

/** Every readable export under `paths`, sorted; throws when a path is missing or unreadable. */
export async function listFocusFiles(paths: readonly string[]): Promise<FocusFileListing> {
  const files: FocusFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const visit = async (p: string, configured: boolean): Promise<void> => {
    let stat;
    try {
      stat = await fs.stat(p);
    } catch (error) {
      if (configured) {
        throw fileSystemError(error, `FOCUS path ${p}`);
      }
      skipped.push(p); // a dangling link inside a folder
      return;
    }
    if (stat.isDirectory()) {
      let entries: string[];
      try {
        entries = await fs.readdir(p);
      } catch (error) {
        throw fileSystemError(error, `FOCUS folder ${p}`);
      }
      for (const entry of entries.sort()) {
        await visit(path.join(p, entry), false);
      }
      return;
    }
    const kind = fileKind(p);
    const real = path.resolve(p);
    if (!kind) {
      skipped.push(p);
    } else if (!seen.has(real)) {
      seen.add(real);
      files.push({ path: p, kind });
    }
  };
  for (const p of paths) {
    await visit(p, true);
  }
  return { files, skipped };
}
