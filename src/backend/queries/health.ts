/**
 * What "Save & test" reports: the bundled region data, and each configured billing source
 * checked for real (credentials valid, files readable), each saying exactly what is wrong.
 */
import type { BillingSource } from '../../datasource/types';
import { countRegions } from '../../engine/gridIntensity';
import { openBillingSource } from '../sources';
import type { DataSourceSettings } from './settings';

export interface HealthResult {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

const SOURCE_NAMES: Record<BillingSource, string> = { awsCostExplorer: 'AWS Cost Explorer', focus: 'FOCUS exports' };

export function configuredSources(settings: DataSourceSettings): BillingSource[] {
  const sources: BillingSource[] = [];
  if (settings.jsonData.aws) {
    sources.push('awsCostExplorer');
  }
  if ((settings.jsonData.focus?.paths ?? []).length > 0) {
    sources.push('focus');
  }
  return sources;
}

export async function checkDataSourceHealth(settings: DataSourceSettings): Promise<HealthResult> {
  const counts = countRegions();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) {
    return { ok: false, message: 'No cloud region data is bundled with this build: reinstall the plugin.' };
  }
  const perProvider = Object.entries(counts)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(', ');
  const sources = configuredSources(settings);
  const checks = await Promise.all(
    sources.map(async (source) => {
      try {
        return { source, ...(await openBillingSource(source, settings).checkHealth()) };
      } catch (err) {
        return { source, ok: false, message: (err as Error).message };
      }
    })
  );
  const lines = [
    `Grid carbon intensity for ${total} cloud regions (${perProvider}).`,
    ...checks.map((c) => `${SOURCE_NAMES[c.source]}: ${c.ok ? 'OK' : 'FAILED'}: ${c.message}`),
  ];
  if (sources.length === 0) {
    lines.push('No billing source configured yet: add AWS Cost Explorer or FOCUS export paths to estimate cloud emissions.');
  }
  const ok = checks.every((c) => c.ok);
  return {
    ok,
    message: `${ok ? 'GreenOps Carbon is working' : 'GreenOps Carbon has a problem'}. ${lines.join(' ')}`,
    details: { regions: counts, sources: Object.fromEntries(checks.map((c) => [c.source, { ok: c.ok, message: c.message }])) },
  };
}
