/*
 * Extends the create-plugin config in .config/ (which must stay untouched) for this repository's layout:
 * an app at src/ with a nested backend datasource at src/datasource/, bundled dashboards in ./dashboards.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'fs';
import path from 'path';
import type { Configuration } from 'webpack';

import { DIST_DIR, SOURCE_DIR } from './.config/bundler/constants';
import { hasReadme } from './.config/bundler/utils';
import grafanaConfig, { type Env } from './.config/webpack/webpack.config';

interface PluginManifest {
  backend?: boolean;
  executable?: string;
  info?: { logos?: { small?: string; large?: string }; screenshots?: Array<{ path: string }> };
}

const root = process.cwd();
const srcDir = path.resolve(root, SOURCE_DIR);

/** Folders (relative to src/, '' for the app) holding a plugin.json with a sibling module, like getEntries(). */
function pluginFolders(dir = srcDir): string[] {
  const rel = path.relative(srcDir, dir).split(path.sep).join('/');
  const here =
    fs.existsSync(path.join(dir, 'plugin.json')) &&
    ['ts', 'tsx', 'js', 'jsx'].some((ext) => fs.existsSync(path.join(dir, `module.${ext}`)));
  const children = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
    .flatMap((e) => pluginFolders(path.join(dir, e.name)));
  return here ? [rel, ...children] : children;
}

function readManifest(folder: string): PluginManifest {
  return JSON.parse(fs.readFileSync(path.join(srcDir, folder, 'plugin.json'), 'utf8'));
}

const join = (folder: string, file: string) => (folder ? `${folder}/${file}` : file);

/**
 * The base config copies every src JSON file (which would ship backend/engine fixtures) and only the app's
 * logos, and fails when CHANGELOG.md is missing. Copy each plugin's manifest, logos and screenshots instead.
 */
function copyPatterns(folders: string[]) {
  const perPlugin = folders.flatMap((folder) => {
    const { info } = readManifest(folder);
    // Array.from, not spread: ts-node compiles this file to ES5, where spreading a Set yields [].
    const assets = Array.from(
      new Set([info?.logos?.small, info?.logos?.large, ...(info?.screenshots ?? []).map((s) => s.path)])
    );
    return [
      { from: join(folder, 'plugin.json'), to: join(folder, 'plugin.json') },
      { from: join(folder, 'query_help.md'), to: join(folder, 'query_help.md'), noErrorOnMissing: true },
      ...assets.filter((p): p is string => Boolean(p)).map((p) => ({ from: join(folder, p), to: join(folder, p) })),
    ];
  });
  const dashboards = path.resolve(root, 'dashboards');
  return [
    { from: hasReadme() ? 'README.md' : '../README.md', to: '.', force: true },
    { from: '../LICENSE', to: '.' },
    // What dist ships from third parties (Node.js, glibc, the GCC runtime, DuckDB, bundled npm packages).
    { from: '../NOTICE', to: '.' },
    // The licence texts NOTICE points to for the runtime's Node.js, glibc and GCC libraries.
    { from: '../third-party-licenses', to: 'third-party-licenses' },
    { from: '../CHANGELOG.md', to: '.', force: true, noErrorOnMissing: true },
    ...perPlugin,
    // Dashboards referenced from plugin.json `includes` as dashboards/<name>.json; optional until they exist.
    ...(fs.existsSync(dashboards)
      ? [
          {
            from: '../dashboards',
            to: 'dashboards',
            noErrorOnMissing: true,
            // globOptions.ignore is relative to src/ and cannot reach ../dashboards, hence a filter.
            filter: (file: string) => path.basename(file) !== '.gitkeep',
          },
        ]
      : []),
  ];
}

/** What this build writes into a plugin folder; anything else there belongs to the backend build. */
const FRONTEND_OWNED = /^([^/]+\.js(\.map|\.LICENSE\.txt)?|plugin\.json|query_help\.md|README\.md|img(\/.*)?)$/;

/**
 * The backend build (scripts/build-backend.mjs, run after this one) writes `<executable>_linux_<arch>` launchers
 * and `runtime/linux_<arch>/` next to the datasource's plugin.json. output.clean must keep those so that a
 * frontend rebuild (or `npm run dev`) after a backend build leaves a runnable plugin.
 */
function backendKeep(folders: string[]): (file: string) => boolean {
  const backendFolders = folders.filter((folder) => {
    const manifest = readManifest(folder);
    return Boolean(manifest.backend || manifest.executable);
  });
  // The base config's own rule, for Go-style `<exe>_<os>_<arch>` files and the mage manifest.
  const base = /(.*?_(amd64|arm(64)?)(.exe)?|go_plugin_build_manifest)/;
  return (file) => {
    if (base.test(file)) {
      return true;
    }
    return backendFolders.some((folder) => {
      const prefix = folder ? `${folder}/` : '';
      return file.startsWith(prefix) && !FRONTEND_OWNED.test(file.slice(prefix.length));
    });
  };
}

const config = async (env: Env): Promise<Configuration> => {
  const baseConfig = await grafanaConfig(env);
  const folders = pluginFolders();

  const plugins = (baseConfig.plugins ?? []).filter((p) => !(p instanceof CopyWebpackPlugin));
  // ReplaceInFileWebpackPlugin (kept) rewrites %VERSION%/%TODAY% in every dist/**/plugin.json on `done`.
  plugins.push(new CopyWebpackPlugin({ patterns: copyPatterns(folders) }));

  const cache = baseConfig.cache;
  if (cache && typeof cache === 'object' && cache.type === 'filesystem') {
    // Invalidate the persistent cache when this file changes too, not only the base config.
    const deps = cache.buildDependencies ?? {};
    cache.buildDependencies = { ...deps, config: [...(deps.config ?? []), path.resolve(root, 'webpack.config.ts')] };
  }

  return {
    ...baseConfig,
    output: {
      ...baseConfig.output,
      path: path.resolve(root, DIST_DIR),
      clean: { keep: backendKeep(folders) },
    },
    plugins,
  };
};

export default config;
