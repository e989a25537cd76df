/**
 * FOCUS paths only inside the folders the Grafana administrator allows (grafana.ini
 * `[plugin.greenops-carbon-datasource] focus_allowed_paths`, seen by the plugin as
 * GF_PLUGIN_FOCUS_ALLOWED_PATHS), on a real file tree: configured paths outside are refused before
 * anything is read, naming the allow-list; links leading out of an allowed folder are never opened;
 * no message quotes what a file holds.
 */
import fs from 'node:fs';
import path from 'node:path';

import { FocusSource } from '../../src/backend/sources/focus/focusSource';
import { instanceFor } from '../helpers/instances';
import {
  close,
  costOf,
  fetch,
  fetchError,
  sample,
  settings,
  sum,
  usageRecords,
  useFocusSample,
  write,
} from './focusSample';

useFocusSample();

const ENV = 'GF_PLUGIN_FOCUS_ALLOWED_PATHS';
const SDK_ENV = 'GF_PLUGIN_GREENOPS_CARBON_DATASOURCE_FOCUS_ALLOWED_PATHS';
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n';
const saved = { [ENV]: process.env[ENV], [SDK_ENV]: process.env[SDK_ENV] };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  }
});

let allowed: string;
let outside: string;
beforeAll(() => {
  allowed = path.dirname(write('allowed/export.csv', sample.text));
  outside = path.dirname(write('outside/secret.csv', PASSWD));
  fs.symlinkSync(path.join(outside, 'secret.csv'), path.join(allowed, 'escape.csv'));
  fs.symlinkSync(outside, path.join(allowed, 'elsewhere'));
  write('allowed-passwd/passwd.csv', PASSWD);
});

const allow = (...folders: string[]) => {
  process.env[ENV] = folders.join(', ');
  delete process.env[SDK_ENV];
};
const singleCost = () => sum(usageRecords().map(costOf));

describe('FOCUS allow-list', () => {
  it.each([
    ['/etc', () => '/etc'],
    ['/etc/passwd', () => '/etc/passwd'],
    ['a file outside', () => path.join(outside, 'secret.csv')],
    ['a path climbing out with ..', () => path.join(allowed, '..', 'outside', 'secret.csv')],
    ['a link inside that leads outside', () => path.join(allowed, 'escape.csv')],
    ['a glob under a folder outside', () => path.join(outside, '*.csv')],
  ])('refuses %s, naming the allow-list and the grafana.ini setting', async (_what, configured) => {
    allow(allowed);
    const error = await fetchError([configured()]);
    expect({ status: error.status, source: error.source }).toEqual({ status: 403, source: 'plugin' });
    expect(error.message).toBe(
      `FOCUS path ${configured()} is outside the folders allowed for FOCUS exports (${allowed}): point it inside one of them, ` +
        'or ask the Grafana administrator to allow its folder (the Grafana administrator lists the folders FOCUS exports may be ' +
        'read from in grafana.ini, [plugin.greenops-carbon-datasource] focus_allowed_paths (comma-separated; the plugin sees it ' +
        'as GF_PLUGIN_FOCUS_ALLOWED_PATHS)).'
    );
    expect(error.message).not.toContain('root:x');
  });

  it('reads an allowed folder, and names the links in it that lead outside without opening them', async () => {
    allow(allowed);
    const { rows, notices } = await fetch([allowed]);
    close(sum(rows.map((r) => r.cost)), singleCost());
    expect(notices).toContain(
      `FOCUS: Skipped 2 link(s) leading outside the folders allowed for FOCUS exports, never opened: ${path.join(allowed, 'elsewhere')}, ${path.join(allowed, 'escape.csv')}.`
    );
  });

  it('accepts the Go SDK plugin-specific variable too, and a missing file inside is "does not exist", not refused', async () => {
    delete process.env[ENV];
    process.env[SDK_ENV] = allowed;
    const { rows } = await fetch([path.join(allowed, 'export.csv')]);
    close(sum(rows.map((r) => r.cost)), singleCost());
    const missing = await fetchError([path.join(allowed, 'missing.csv')]);
    expect(missing.message).toMatch(/does not exist on the Grafana server \(ENOENT\)/);
  });

  it('without an allow-list, reads nothing and says how to set one', async () => {
    delete process.env[ENV];
    delete process.env[SDK_ENV];
    const error = await fetchError([allowed]);
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      `FOCUS path ${allowed} is refused: no folder is allowed yet. The Grafana administrator lists the folders FOCUS exports ` +
        'may be read from in grafana.ini, [plugin.greenops-carbon-datasource] focus_allowed_paths (comma-separated; the plugin ' +
        'sees it as GF_PLUGIN_FOCUS_ALLOWED_PATHS).'
    );
  });

  it('the health check says the same, and no error quotes a file that is not an export', async () => {
    allow(allowed, path.join(sample.tmp, 'allowed-passwd'));
    const health = await new FocusSource(instanceFor(settings(['/etc']))).checkHealth();
    expect(health.ok).toBe(false);
    expect(health.message).toMatch(/^FOCUS path \/etc is outside the folders allowed for FOCUS exports/);
    const notFocus = await fetchError([path.join(sample.tmp, 'allowed-passwd')]);
    expect(notFocus.message).toContain('passwd.csv');
    expect(notFocus.message).not.toMatch(/root:x|daemon|nologin/);
    const healthOfPasswd = await new FocusSource(
      instanceFor(settings([path.join(sample.tmp, 'allowed-passwd')]))
    ).checkHealth();
    expect(healthOfPasswd.message).not.toMatch(/root:x|daemon|nologin/);
  });
});
