#!/usr/bin/env node
/**
 * Writes src/engine/data/dataset.json: the SHA-256 of every coefficient file the engine reads and
 * a dataset version (the date and the first 8 hex digits of the digest of those digests), which
 * every estimate's frame names. src/engine/dataset.test.ts fails when a data file changes without
 * this being run, so the version moves whenever a number does.
 *
 * Usage: node scripts/update-dataset-version.mjs
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'src/engine/data');
const OUT = path.join(DATA, 'dataset.json');

export function dataFiles() {
  return fs
    .readdirSync(DATA, { recursive: true })
    .filter((f) => f.endsWith('.json') && f !== 'dataset.json')
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

export function digests() {
  return Object.fromEntries(
    dataFiles().map((f) => [
      f,
      crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(DATA, f)))
        .digest('hex'),
    ])
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = digests();
  const all = crypto.createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 8);
  const date = new Date().toISOString().slice(0, 10).replace(/-/g, '.');
  fs.writeFileSync(OUT, `${JSON.stringify({ version: `${date}-${all}`, files }, null, 2)}\n`);
  console.log(`dataset ${date}-${all}: ${Object.keys(files).length} files`);
}
