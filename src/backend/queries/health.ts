/**
 * What "Save & test" reports: the bundled region data, and each configured billing source and
 * Prometheus checked for real (credentials valid, files readable, exporters found), each saying
 * exactly what is wrong.
 */
import type { BillingSource } from '../../datasource/types';
import { countRegions } from '../../engine/gridIntensity';
import type { DatasourceInstance } from '../core/instance';
import type { DataSourceSettings } from '../core/settings';
import { isPrometheusConfigured, openBillingSource, openPrometheus } from '../sources';
import type { SourceHealth } from '../sources/billingSource';

export interface HealthResult {
  ok: boolean;
  message: string;
  details?: Record<string, unknown>;
}

type CheckedSource = BillingSource | 'prometheus';

const SOURCE_NAMES: Record<CheckedSource, string> = {
  awsCostExplorer: 'AWS Cost Explorer',
  focus: 'FOCUS exports',
  prometheus: 'Prometheus',
};

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

export async function checkDataSourceHealth(instance: DatasourceInstance): Promise<HealthResult> {
  const settings = instance.settings;
  const counts = countRegions();
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) {
    return { ok: false, message: 'No cloud region data is bundled with this build: reinstall the plugin.' };
  }
  const perProvider = Object.entries(counts)
    .map(([provider, n]) => `${provider} ${n}`)
    .join(', ');
  const sources = configuredSources(settings);
  const checks = await Promise.all([
    ...sources.map((source) => runCheck(source, () => openBillingSource(source, instance).checkHealth())),
    ...(isPrometheusConfigured(settings) ? [runCheck('prometheus', () => openPrometheus(instance).checkHealth())] : []),
  ]);
  const lines = [
    `Grid carbon intensity for ${total} cloud regions (${perProvider}).`,
    ...checks.map((c) => `${SOURCE_NAMES[c.source]}: ${c.ok ? 'OK' : 'FAILED'}: ${c.message}`),
  ];
  if (sources.length === 0) {
    lines.push(
      'No billing source configured yet: add AWS Cost Explorer or FOCUS export paths to estimate cloud emissions.'
    );
  }
  if (!isPrometheusConfigured(settings)) {
    lines.push(
      'No Prometheus configured yet: add one to measure Kubernetes and host energy (Kepler, Scaphandre, DCGM) and cost (OpenCost).'
    );
  }
  const ok = checks.every((c) => c.ok);
  return {
    ok,
    message: `${ok ? 'GreenOps Carbon is working' : 'GreenOps Carbon has a problem'}. ${lines.join(' ')}`,
    details: {
      regions: counts,
      sources: Object.fromEntries(checks.map((c) => [c.source, { ok: c.ok, message: c.message }])),
    },
  };
}

async function runCheck(
  source: CheckedSource,
  check: () => Promise<SourceHealth>
): Promise<SourceHealth & { source: CheckedSource }> {
  try {
    return { source, ...(await check()) };
  } catch (err) {
    return { source, ok: false, message: (err as Error).message };
  }
}
