/**
 * The export files behind the configured paths: files as given, folders walked recursively, globs
 * (`/data/focus/**\/*.parquet`) expanded. CSV, gzipped CSV and Parquet are read; anything else (AWS
 * manifests, READMEs) is skipped and listed in a notice. Only regular files count: opening a FIFO
 * blocks until something writes to it, and each blocked open holds one of the four threads of
 * Node's shared pool (file reads, DNS, zlib, DuckDB), so FIFOs, sockets and devices are skipped
 * and named in their own notice (focusOpen.ts vets each file again when it is opened). Each file is
 * listed once, by its real path: a second link to a file, or a link back to a folder being walked
 * (`self -> .`), adds nothing. The walk stops with an error past MAX_LISTED_ENTRIES.
 *
 * Each file carries its identity (inode, size, mtime), which keys every cache of what was read from it,
 * and the billing period of a hive-style folder (`billing_period=2024-09/`, AWS's
 * `BILLING_PERIOD=2024-09`), which lets a query skip whole periods.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { eachLimited } from '../../core/concurrency';
import { downstreamError, QueryError } from '../../core/errors';
import { MAX_LISTED_ENTRIES } from './focusLimits';
import { type AllowList, isAllowed, outsideAllowList } from './focusAllowList';

export type FocusFileKind = 'csv' | 'csv.gz' | 'parquet';

export interface FocusFile {
  path: string;
  kind: FocusFileKind;
  size: number;
  mtimeMs: number;
  /** `dev:ino` when listed: a file replaced after listing (by a FIFO, say) has another. */
  inode: string;
  /** Billing period [start, end) from a `billing_period=YYYY-MM` folder, epoch ms. */
  billingPeriod?: { start: number; end: number };
}

export interface FocusFileListing {
  files: FocusFile[];
  /** Files that are not CSV, CSV.GZ or Parquet, and dangling links. */
  skipped: string[];
  /** Entries that are not regular files (FIFOs, sockets, devices): never opened. */
  notRegular: string[];
  /** Links inside an allowed folder whose target is outside the allow-list: never opened. */
  outside: string[];
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

/** What identifies a file's contents for caches: a new size or mtime is a new file. */
export const fileIdentity = (file: FocusFile) =>
  `${file.path}\u0000${file.size}\u0000${file.mtimeMs}\u0000${file.inode}`;

const PERIOD_FOLDER = /(?:^|[/\\])billing_period=(\d{4})-(\d{2})(?:-\d{2})?(?=[/\\])/i;

/** The billing period named by a hive-style partition folder in `file`'s path. */
export function billingPeriodOf(file: string): FocusFile['billingPeriod'] {
  const m = PERIOD_FOLDER.exec(file);
  if (!m) {
    return undefined;
  }
  const year = Number(m[1]);
  const month = Number(m[2]) - 1;
  return month >= 0 && month < 12 ? { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) } : undefined;
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

/**
 * Every readable export under `paths`, sorted; throws when a path is missing or unreadable, or
 * when more than `maxEntries` files and folders would be visited.
 */
export async function listFocusFiles(
  paths: readonly string[],
  maxEntries = MAX_LISTED_ENTRIES,
  allowList?: AllowList
): Promise<FocusFileListing> {
  const files: FocusFile[] = [];
  const skipped: string[] = [];
  const notRegular: string[] = [];
  const outside: string[] = [];
  // Real paths of every file listed: a file reached again through a link or another path counts once.
  const seenFiles = new Set<string>();
  // Real paths of the folders one configured path walked: a folder cycle ends at its second visit.
  // Per path, so a glob whose base another path already walked still sees what it matches.
  let seenFolders = new Set<string>();
  const danglingSeen = new Set<string>();
  let entries = 0;
  /** Files reached again: a glob matching only those still matches something. */
  let alreadyListed = 0;
  // Inside a glob's base folder, only files the whole pattern matches are considered.
  const visit = async (p: string, configured: boolean, matches?: (file: string) => boolean): Promise<void> => {
    if (++entries > maxEntries) {
      throw tooManyEntries(paths, maxEntries);
    }
    // Before any stat: whether a path outside the allow-list exists is not the editor's to learn.
    if (allowList && configured && !isAllowed(allowList, path.resolve(p)) && !(await realIsAllowed(allowList, p))) {
      throw outsideAllowList(p, allowList);
    }
    let stat;
    try {
      // stat, never open: it follows links and cannot block on a FIFO.
      stat = await fs.stat(p);
    } catch (error) {
      if (configured) {
        throw fileSystemError(error, `FOCUS path ${p}`);
      }
      // A dangling link inside a folder, named once however many paths reach its folder.
      const where = path.join(await fs.realpath(path.dirname(p)).catch(() => path.dirname(p)), path.basename(p));
      if (!danglingSeen.has(where)) {
        danglingSeen.add(where);
        skipped.push(p);
      }
      return;
    }
    if (!stat.isDirectory() && matches && !matches(p)) {
      return; // outside the glob: not marked seen, another configured path may list it
    }
    const real = await fs.realpath(p).catch(() => path.resolve(p));
    if (allowList && !isAllowed(allowList, real)) {
      if (configured) {
        throw outsideAllowList(p, allowList);
      }
      outside.push(p); // a link leading out of an allowed folder
      return;
    }
    const seen = stat.isDirectory() ? seenFolders : seenFiles;
    if (seen.has(real)) {
      alreadyListed += stat.isDirectory() ? 0 : 1;
      return; // a second link to a file, or a link back to a folder being walked
    }
    seen.add(real);
    if (stat.isDirectory()) {
      const names = await folderNames(p, maxEntries - entries, () => tooManyEntries(paths, maxEntries));
      for (const name of names) {
        await visit(path.join(p, name), false, matches);
      }
      return;
    }
    if (!stat.isFile()) {
      notRegular.push(p);
      return;
    }
    const kind = fileKind(p);
    if (!kind) {
      skipped.push(p);
      return;
    }
    files.push({
      path: p,
      kind,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      inode: `${stat.dev}:${stat.ino}`,
      billingPeriod: billingPeriodOf(p),
    });
  };
  for (const p of paths) {
    seenFolders = new Set();
    const { base, isGlob } = picomatch.scan(p);
    if (!isGlob) {
      await visit(p, true);
      continue;
    }
    if (
      allowList &&
      !isAllowed(allowList, path.resolve(base || '.')) &&
      !(await realIsAllowed(allowList, base || '.'))
    ) {
      throw outsideAllowList(p, allowList); // the pattern as configured, before its base is read
    }
    const found = () => files.length + skipped.length + notRegular.length + alreadyListed;
    const before = found();
    await visit(base || '.', true, picomatch(p));
    if (found() === before) {
      throw downstreamError(`FOCUS path ${p} matches no file on the Grafana server: fix the pattern.`, 404);
    }
  }
  return { files, skipped, notRegular, outside };
}

/** Whether `p` resolves (links followed) into the allow-list; false when it does not exist. */
async function realIsAllowed(allowList: AllowList, p: string): Promise<boolean> {
  const real = await fs.realpath(p).catch(() => undefined);
  return real !== undefined && isAllowed(allowList, real);
}

/** The names in folder `p`, read as a stream so a folder of millions stops at `room` + 1. */
async function folderNames(p: string, room: number, tooMany: () => QueryError): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of await fs.opendir(p)) {
      if (names.push(entry.name) > room) {
        throw tooMany(); // leaving the loop closes the folder
      }
    }
  } catch (error) {
    throw error instanceof QueryError ? error : fileSystemError(error, `FOCUS folder ${p}`);
  }
  return names.sort();
}

function tooManyEntries(paths: readonly string[], maxEntries: number): QueryError {
  return downstreamError(
    `FOCUS paths ${paths.join(', ')} hold more than ${maxEntries.toLocaleString('en-US')} files and folders: point them at the export folders themselves (a glob still walks its whole base folder).`,
    400
  );
}

/**
 * The files a query over [from, to) must read. A billing period holds the charges billed in it:
 * its own and corrections of earlier periods (dated by the period they correct), never later
 * ones. So only periods that end at or before `from` are left out; later ones may correct the
 * range and are read (Parquet statistics then skip what is outside the range).
 */
export function filesForRange(files: readonly FocusFile[], from: number): { read: FocusFile[]; pruned: FocusFile[] } {
  const read: FocusFile[] = [];
  const pruned: FocusFile[] = [];
  for (const file of files) {
    (file.billingPeriod && file.billingPeriod.end <= from ? pruned : read).push(file);
  }
  return { read, pruned };
}

/**
 * Throws when a file's inode, size or modification time is not what the listing saw: an export
 * still being written (or replaced) while it was read would give sums of half a file.
 */
export async function unchangedSince(files: readonly FocusFile[]): Promise<void> {
  await eachLimited(files, FILE_CONCURRENCY, async (file) => {
    const now = await fs.stat(file.path).catch(() => undefined);
    if (!now || !sameFile(file, now)) {
      throw changedWhileRead(file.path);
    }
  });
}

export function changedWhileRead(file: string): QueryError {
  return downstreamError(
    `${file} changed while it was being read (an export still being written?): run the query again once it is complete.`,
    503
  );
}

/** Whether `stat` is still the file the listing saw (same inode, size and modification time). */
export const sameFile = (file: FocusFile, stat: { dev: number; ino: number; size: number; mtimeMs: number }) =>
  `${stat.dev}:${stat.ino}` === file.inode && stat.size === file.size && stat.mtimeMs === file.mtimeMs;

/** Files stated, described or gzip-checked at once. */
export const FILE_CONCURRENCY = 8;
