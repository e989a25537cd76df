/**
 * Bundles the gallery's page (harness/main.tsx with the plugin's frontend, @grafana/ui, @grafana/runtime
 * and React) for the browser with esbuild: one script and one stylesheet, production React.
 */
import fs from 'node:fs';
import path from 'node:path';

import { build, type Plugin } from 'esbuild';

/**
 * @grafana/plugin-compat (under @grafana/scenes) imports @grafana/runtime functions newer than ours and tests
 * `typeof f === 'function'` before calling them; in Grafana the runtime is external, so a missing one is just
 * undefined. Bundled, esbuild refuses the named import: read them off the module namespace instead.
 */
const featureDetectedImports: Plugin = {
  name: 'feature-detected-runtime-imports',
  setup(b) {
    b.onLoad({ filter: /@grafana[\\/]plugin-compat[\\/].*\.m?js$/ }, (args) => {
      let n = 0;
      const contents = fs
        .readFileSync(args.path, 'utf8')
        .replace(/import\s*\{([^}]*)\}\s*from\s*'(@grafana\/runtime[^']*)';/g, (_all, names: string, from: string) => {
          const ns = `__runtime${n++}`;
          const fields = names
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean)
            .map((x) => x.replace(/\s+as\s+/, ': '));
          return `import * as ${ns} from '${from}';\nconst { ${fields.join(', ')} } = ${ns};`;
        });
      return { contents, loader: 'js' };
    });
  },
};

export interface HarnessBundle {
  dir: string;
  /** Files the bridge serves, by URL path. */
  files: Record<string, string>;
}

export async function bundleHarness(outDir: string): Promise<HarnessBundle> {
  fs.mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { harness: path.join(__dirname, 'harness/main.tsx') },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: outDir,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: {
      '.svg': 'dataurl',
      '.png': 'dataurl',
      '.woff': 'dataurl',
      '.woff2': 'dataurl',
      '.ttf': 'dataurl',
      '.eot': 'dataurl',
      '.gif': 'dataurl',
    },
    plugins: [featureDetectedImports],
    minify: false,
    sourcemap: false,
    logLevel: 'error',
  });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GreenOps Carbon gallery</title>
<link rel="stylesheet" href="/gallery/harness.css">
<style>#root { height: 100%; } #root > main { box-sizing: border-box; height: 100%; }</style></head>
<body><div id="root"></div>
<script>
  // What Grafana's index.html gives @grafana/runtime's config before any plugin code runs.
  window.__grafana_public_path__ = '/public/';
  var theme = new URLSearchParams(location.search).get('theme') === 'light' ? 'light' : 'dark';
  window.grafanaBootData = {
    assets: { dark: '', light: '' },
    settings: { appSubUrl: '', featureToggles: {} },
    user: { isSignedIn: true, login: 'gallery', orgRole: 'Admin', theme: theme, lightTheme: theme === 'light' },
    navTree: [],
  };
</script>
<script src="/gallery/harness.js"></script></body></html>`;
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  const files: Record<string, string> = {
    '/gallery/harness.js': path.join(outDir, 'harness.js'),
    '/gallery/index.html': path.join(outDir, 'index.html'),
  };
  if (fs.existsSync(path.join(outDir, 'harness.css'))) {
    files['/gallery/harness.css'] = path.join(outDir, 'harness.css');
  }
  return { dir: outDir, files };
}
