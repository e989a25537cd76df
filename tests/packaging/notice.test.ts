/**
 * NOTICE covers what the package ships: every npm package esbuild compiles into the backend bundle
 * (read from esbuild's own metafile of src/backend/main.ts, as scripts/backend-package/bundle.mjs
 * builds it), and the Node.js version the backend executable is built from, whose licence text
 * must sit in third-party-licenses/. Needs no build.
 * Run: npx jest tests/packaging/notice.test.ts --selectProjects integration
 */
import * as esbuild from 'esbuild';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '../..');
const NOTICE = fs.readFileSync(path.join(ROOT, 'NOTICE'), 'utf8');

/** The text of one `## heading` section of NOTICE, up to the next heading. */
function section(heading: string): string {
  const start = NOTICE.indexOf(`## ${heading}\n`);
  if (start < 0) {
    throw new Error(`NOTICE has no "## ${heading}" section`);
  }
  const end = NOTICE.indexOf('\n## ', start + 1);
  return NOTICE.slice(start, end < 0 ? undefined : end);
}

/** True when `text` names `pkg` as a whole word (not "long" inside "longer" or "@smithy/core" inside "@smithy/core-x"). */
function names(text: string, pkg: string): boolean {
  const escaped = pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`(^|[\\s(])${escaped}(?=[\\s,.;)]|$)`, 'm').test(text);
}

async function bundledPackages(): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [path.join(ROOT, 'src/backend/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    loader: { '.proto': 'text', '.json': 'json' },
    logLevel: 'silent',
    // bundle.mjs swaps this loader for a shim of our own (scripts/backend-package/duckdbBinding.cjs).
    external: ['@duckdb/node-bindings'],
  });
  const packages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const inNodeModules = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
    if (inNodeModules) {
      packages.add(inNodeModules[inNodeModules.length - 1].slice('node_modules/'.length));
    }
  }
  return [...packages].sort();
}

describe('NOTICE', () => {
  it('names every npm package compiled into the backend bundle', async () => {
    const packages = await bundledPackages();
    expect(packages).toEqual(expect.arrayContaining(['@grpc/grpc-js', 'zod'])); // the metafile was read
    const listed = section('npm packages compiled into the backend bundle');
    expect(packages.filter((p) => !names(listed, p))).toEqual([]);
  }, 60_000);

  it('names the Node.js version the executable is built from, and its licence text ships', () => {
    const source = fs.readFileSync(path.join(ROOT, 'scripts/backend-package/nodeRuntime.mjs'), 'utf8');
    const version = source.match(/export const NODE_VERSION = '([^']+)'/)?.[1];
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(section('Node.js')).toContain(`Node.js ${version}, `);
    const licence = path.join(ROOT, 'third-party-licenses', `nodejs-${version}-LICENSE`);
    expect(fs.existsSync(licence)).toBe(true);
    expect(fs.readFileSync(licence, 'utf8')).toMatch(/^Node\.js is licensed for use as follows:/);
  });
});
