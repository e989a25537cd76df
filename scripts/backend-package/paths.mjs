/** Where the backend packaging reads and writes (all under the repository root). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CACHE = path.join(ROOT, '.cache');
export const BACKEND_CACHE = path.join(CACHE, 'backend');
export const NODE_CACHE = path.join(CACHE, 'node');
export const DEB_CACHE = path.join(CACHE, 'debs');
export const DUCKDB_CACHE = path.join(CACHE, 'duckdb');
export const DIST_DS = path.join(ROOT, 'dist', 'datasource');

/** `file` relative to the repository root, for messages. */
export const rel = (file) => path.relative(ROOT, file);
