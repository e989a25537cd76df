/**
 * Bundles the gallery's page (harness/main.tsx with the plugin's frontend, @grafana/ui, @grafana/runtime
 * and React) for the browser with esbuild: one script and one stylesheet, production React.
 */
import fs from 'node:fs';
import path from 'node:path';

import { build } from 'esbuild';

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
    minify: false,
    sourcemap: false,
    logLevel: 'error',
  });
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GreenOps Carbon gallery</title>
<link rel="stylesheet" href="/gallery/harness.css"></head>
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
