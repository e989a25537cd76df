/**
 * Which folders FOCUS paths may point into: an allow-list the Grafana administrator sets, not the
 * datasource editor, so that whoever may edit a datasource cannot make the Grafana server read
 * /etc or another tenant's exports. Grafana passes the keys of grafana.ini's
 * `[plugin.greenops-carbon-datasource]` section to the plugin process as `GF_PLUGIN_<KEY>`
 * environment variables (grafana/grafana pkg/plugins/envvars, pluginSettings.asEnvVar), so
 *
 *     [plugin.greenops-carbon-datasource]
 *     focus_allowed_paths = /var/lib/grafana/focus, /mnt/exports
 *
 * arrives as GF_PLUGIN_FOCUS_ALLOWED_PATHS. The plugin-specific form the Go SDK reads
 * (GF_PLUGIN_GREENOPS_CARBON_DATASOURCE_FOCUS_ALLOWED_PATHS) is accepted too. Comma-separated
 * absolute folders; without any, no FOCUS path is read. Checked on real paths, so a link inside an
 * allowed folder cannot lead out of it.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { QueryError } from '../../core/errors';

export const ALLOW_LIST_SETTING = 'focus_allowed_paths';
export const ALLOW_LIST_ENV = [
  'GF_PLUGIN_FOCUS_ALLOWED_PATHS',
  'GF_PLUGIN_GREENOPS_CARBON_DATASOURCE_FOCUS_ALLOWED_PATHS',
];

export interface AllowList {
  /** The folders as the administrator wrote them, for messages. */
  configured: string[];
  /** Those folders resolved, and their real paths where they exist. */
  roots: string[];
}

/** The allow-list from the environment (both names, merged); relative entries are ignored. */
export async function readAllowList(env: NodeJS.ProcessEnv = process.env): Promise<AllowList> {
  const configured = [
    ...new Set(
      ALLOW_LIST_ENV.flatMap((name) => (env[name] ?? '').split(','))
        .map((p) => p.trim())
        .filter((p) => path.isAbsolute(p))
    ),
  ];
  const real = await Promise.all(configured.map((p) => fs.realpath(p).catch(() => undefined)));
  // As written (a missing file under an allowed folder is then "does not exist", not "refused") and
  // as resolved (an allowed folder that is itself a link).
  const roots = [...new Set([...configured.map((p) => path.resolve(p)), ...real.filter((r): r is string => !!r)])];
  return { configured, roots };
}

/** True when `realPath` is one of the roots or inside one. */
export function isAllowed(list: AllowList, realPath: string): boolean {
  return list.roots.some(
    (root) => realPath === root || realPath.startsWith(root.endsWith(path.sep) ? root : root + path.sep)
  );
}

/** A configured FOCUS path outside the allow-list (or no allow-list at all): refused, naming it. */
export function outsideAllowList(configuredPath: string, list: AllowList): QueryError {
  const how =
    `the Grafana administrator lists the folders FOCUS exports may be read from in grafana.ini, ` +
    `[plugin.greenops-carbon-datasource] ${ALLOW_LIST_SETTING} (comma-separated; the plugin sees it as ${ALLOW_LIST_ENV[0]})`;
  const message =
    list.configured.length === 0
      ? `FOCUS path ${configuredPath} is refused: no folder is allowed yet. ${capitalise(how)}.`
      : `FOCUS path ${configuredPath} is outside the folders allowed for FOCUS exports (${list.configured.join(', ')}): ` +
        `point it inside one of them, or ask the Grafana administrator to allow its folder (${how}).`;
  return new QueryError(message, 403, 'plugin');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
